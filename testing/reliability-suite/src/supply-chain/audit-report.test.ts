import { AuditUnavailableError, parseAuditOutput } from './audit-report';

const banner = 'Rush Multi-Project Build Tool 5.179.0\nInvoking "rush-pnpm audit"\n\n';

describe('dependency audit output', () => {
  it('counts advisories by severity and lists the high and critical ones', () => {
    const json = {
      advisories: {
        '1': { module_name: 'a', severity: 'moderate', title: 'slow regex', url: 'u1' },
        '2': { module_name: 'b', severity: 'high', title: 'prototype pollution', url: 'u2' },
        '3': { module_name: 'c', severity: 'critical', title: 'RCE', url: 'u3' }
      },
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1 } }
    };
    const report = parseAuditOutput(banner + JSON.stringify(json));
    expect(report.counts).toEqual({ info: 0, low: 0, moderate: 1, high: 1, critical: 1 });
    expect(report.blocking.map((f) => `${f.severity} ${f.module}`)).toEqual(['high b', 'critical c']);
  });

  it('reports a clean audit as no blocking advisory', () => {
    const json = {
      advisories: {},
      metadata: { vulnerabilities: { info: 0, low: 2, moderate: 0, high: 0, critical: 0 } }
    };
    expect(parseAuditOutput(JSON.stringify(json)).blocking).toEqual([]);
  });

  it('never mistakes an unreachable advisory endpoint for a clean audit', () => {
    const refused = ' ERR_PNPM_AUDIT_BAD_RESPONSE  The audit endpoint responded with 405';
    expect(() => parseAuditOutput(banner, refused)).toThrow(AuditUnavailableError);
    expect(() =>
      parseAuditOutput(JSON.stringify({ error: { code: 'ERR_PNPM_AUDIT_BAD_RESPONSE', message: 'x' } }))
    ).toThrow(AuditUnavailableError);
  });
});
