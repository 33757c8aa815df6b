import { runDependencyAudit } from './dependency-audit';

// Needs the npm registry's advisory endpoint: CI (GitHub Actions sets CI=true) or RELIABILITY_AUDIT=1.
const online = process.env.CI === 'true' || process.env.RELIABILITY_AUDIT === '1';

describe('supply chain', () => {
  (online ? it : it.skip)(
    'the lockfile has no high or critical advisory',
    () => {
      const report = runDependencyAudit();
      expect(report.blocking).toEqual([]);
      expect(report.counts.high + report.counts.critical).toBe(0);
    },
    300_000
  );
});
