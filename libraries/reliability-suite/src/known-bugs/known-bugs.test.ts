import { EVENT_PREFIX } from '../pipeline/reliability-pipeline';
import { leapSecondFile, manyUnknownFieldsFile, probeBatch } from './known-bug-probes';

// Bugs this suite found in code it does not own (docs/reliability.md, "Bugs found"). Each test states
// the invariant; `it.failing` keeps `rush test` green while the bug is there and turns red once it is
// fixed — then change `it.failing` to `it`.
describe('known bugs (each test fails until its bug is fixed)', () => {
  it.failing(
    '[bug] a schema-valid event whose timestamp is a leap second (23:59:60) is quarantined with a reason instead of being retried into the dead-letter list',
    async () => {
      const file = leapSecondFile(`${EVENT_PREFIX}bug/`);
      const probe = await probeBatch(file, {
        validCount: 4,
        maxReceiveCount: 2,
        functionTimeoutMs: 10_000,
        visibilityTimeoutMs: 300
      });
      expect(probe.deadLettered).toEqual([]);
      expect(probe.quarantined).toEqual([file.key]);
    }
  );

  it.failing(
    '[bug] a file with thousands of unknown fields is quarantined within the function timeout and does not take the valid files of its batch to the dead-letter list',
    async () => {
      // ~8 s to validate on this machine (quadratic); 15 ms would do.
      const file = manyUnknownFieldsFile(`${EVENT_PREFIX}bug/`, 6000);
      const probe = await probeBatch(file, {
        validCount: 4,
        maxReceiveCount: 1,
        functionTimeoutMs: 1500,
        visibilityTimeoutMs: 1600
      });
      expect(probe.deadLettered).toEqual([]);
      expect(probe.quarantined).toEqual([file.key]);
      expect(probe.validLanded).toBe(probe.validFiles);
    }
  );
});
