import type { ScenarioResult } from '../scenarios/scenario-result';
import { SOAK_FIXTURE } from '../testing/soak-fixture';
import { renderReliabilityReport, type ReliabilityRun } from './reliability-report';

const empty = { missing: [], duplicated: [], unexpected: [], altered: [], misrouted: [] };

const scenario = (id: string, violations: string[]): ScenarioResult => ({
  id,
  title: `${id} title`,
  parameters: { seed: 1 },
  figures: { 'checkpoint rows': 10, 'a | b': 'x' },
  exactlyOnce: { expectedRows: 10, rows: 10, checkpoints: 1, ...empty },
  quarantine: {
    invalidFiles: 0,
    records: 0,
    missing: [],
    repeated: [],
    unspecific: [],
    unexpected: [],
    byKind: {}
  },
  deadLetters: { total: 0, byExpectation: {} },
  violations,
  durationMs: 1500
});

const run: ReliabilityRun = {
  command: 'node lib/cli/run-full.js',
  startedAt: new Date('2025-01-01T00:00:00Z'),
  environment: { node: 'v20', platform: 'linux x64', cpus: 2, cpuModel: 'CPU', memoryGb: 8 },
  scenarios: [scenario('R1', []), scenario('R3', ['checkpoint rows 9 ≠ expected 10'])],
  errors: [{ id: 'R2', message: 'timeout' }],
  soak: {
    result: SOAK_FIXTURE,
    violations: [],
    maxGrowthBytes: 16 * 1024 * 1024,
    maxSlopeBytesPerMinute: 256 * 1024
  },
  audit: { unavailable: 'registry answered 405' },
  notes: ['## Bugs found\n']
};

describe('docs/reliability.md', () => {
  const text = renderReliabilityReport(run);

  it('names the command that reproduces the figures and the machine they were measured on', () => {
    expect(text).toContain('`node lib/cli/run-full.js`');
    expect(text).toContain('Measured 2025-01-01T00:00:00.000Z on Node v20 (linux x64), 2 × CPU, 8 GB RAM');
  });

  it('shows every scenario with its verdict, violations and figures, escaping table cells', () => {
    expect(text).toContain('| R1 | R1 title | held | 2 s |');
    expect(text).toContain('| R3 | R3 title | **violated** | 2 s |');
    expect(text).toContain('- checkpoint rows 9 ≠ expected 10');
    expect(text).toContain('| a \\| b | x |');
    expect(text).toContain('| R2 | did not finish: timeout | **error** | |');
  });

  it('reports the soak heap figures and samples, the audit outcome and the notes', () => {
    expect(text).toContain('| heap after GC: baseline (median, first third) | 20.0 MiB |');
    expect(text).toContain('| 30 | 60 | 20.0 | 80.0 |');
    expect(text).toContain('| least-squares slope; limit | 0.0 MiB/min; 0.3 MiB/min |');
    expect(text).toContain('Not measured on this machine: registry answered 405');
    expect(text).toContain('## Bugs found');
    const counts = renderReliabilityReport({
      ...run,
      audit: {
        report: {
          counts: { info: 0, low: 1, moderate: 0, high: 1, critical: 0 },
          blocking: [{ module: 'm', severity: 'high', title: 't', url: 'u' }]
        }
      }
    });
    expect(counts).toContain('Advisories: critical 0, high 1, moderate 0, low 1, info 0.');
    expect(counts).toContain('- high: m — t (u)');
  });
});
