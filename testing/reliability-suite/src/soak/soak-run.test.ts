import { runSoak, soakViolations } from './soak-run';

describe('soak (small)', () => {
  it('the warm handler keeps every event exactly once under steady uploads with faults, and its heap after GC stays bounded', async () => {
    const result = await runSoak({
      durationMs: 12_000,
      filesPerSecond: 20,
      badEvery: 20,
      faultRate: 0.1,
      sampleEveryMs: 1000,
      warmUpMs: 3000,
      seed: 6,
      drainTimeoutMs: 60_000
    });
    expect(soakViolations(result, 16 * 1024 * 1024)).toEqual([]);
    expect(result.filesUploaded).toBeGreaterThanOrEqual(200);
    expect(result.faultsInjected).toBeGreaterThan(0);
    expect(result.trend.samples).toBeGreaterThanOrEqual(5);
  });
});
