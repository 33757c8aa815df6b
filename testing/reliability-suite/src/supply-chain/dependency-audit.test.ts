import { AuditUnavailableError, type AuditReport } from './audit-report';
import { runDependencyAudit } from './dependency-audit';

// Needs the npm registry's advisory endpoint: CI (CI=true) or RELIABILITY_AUDIT=1.
const online = process.env.CI === 'true' || process.env.RELIABILITY_AUDIT === '1';

/**
 * The audit runs once, when the suite is collected, so that a registry WITHOUT an advisory endpoint
 * (some mirrors answer 405) shows up as a visibly skipped test — not as a pass, and not as a failure
 * that no code change could fix. Advisories found always fail.
 */
function auditOrUnavailable(): AuditReport | string {
  try {
    return runDependencyAudit();
  } catch (error) {
    if (error instanceof AuditUnavailableError) return error.message;
    throw error;
  }
}

const audit = online ? auditOrUnavailable() : 'not online (set CI=true or RELIABILITY_AUDIT=1)';
if (typeof audit === 'string') console.warn(`supply-chain audit SKIPPED: ${audit}`);

describe('supply chain', () => {
  (typeof audit === 'string' ? it.skip : it)('the lockfile has no high or critical advisory', () => {
    const report = audit as AuditReport;
    expect(report.blocking).toEqual([]);
    expect(report.counts.high + report.counts.critical).toBe(0);
  });
});
