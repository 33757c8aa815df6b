import { EVENT_PREFIX } from '../pipeline/reliability-pipeline';
import { leapSecondFile, manyUnknownFieldsFile, probeBatch } from './known-bug-probes';

// Bugs this suite found in code it does not own (docs/reliability.md, "Bugs found"). Each test states
// the invariant. `it.failing` marks a bug still open: `rush test` stays green while the bug is there and
// turns red once it is fixed — then change `it.failing` to `it`.
describe('bugs found by the reliability suite', () => {
  it('a schema-valid event whose timestamp is a leap second (23:59:60) is quarantined with a reason instead of being retried into the dead-letter list (fixed in 15049ca)', async () => {
    const file = leapSecondFile(`${EVENT_PREFIX}bug/`);
    const probe = await probeBatch(file, {
      validCount: 4,
      maxReceiveCount: 2,
      functionTimeoutMs: 1000,
      visibilityTimeoutMs: 1200
    });
    expect(probe.deadLettered).toEqual([]);
    expect(probe.quarantined).toEqual([file.key]);
    expect(probe.validLanded).toBe(probe.validFiles);
  });

  it.failing(
    '[open bug] a file with thousands of unknown fields is quarantined within the function timeout and does not take the valid files of its batch to the dead-letter list',
    async () => {
      // ~8 s to validate on this machine (quadratic in the number of errors); milliseconds would do.
      const file = manyUnknownFieldsFile(`${EVENT_PREFIX}bug/`, 6000);
      const probe = await probeBatch(file, {
        validCount: 4,
        maxReceiveCount: 2,
        functionTimeoutMs: 1500,
        visibilityTimeoutMs: 1800
      });
      expect(probe.deadLettered).toEqual([]);
      expect(probe.quarantined).toEqual([file.key]);
      expect(probe.validLanded).toBe(probe.validFiles);
    }
  );
});
