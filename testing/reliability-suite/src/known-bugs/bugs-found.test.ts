import type { SuiteFile } from '@reporting/test-kit';
import { EVENT_PREFIX } from '../pipeline/reliability-pipeline';
import {
  dotDotStudyFile,
  leapSecondFile,
  loneSurrogateFile,
  manyUnknownFieldsFile,
  numericPtidFile,
  outcomeOf,
  probeBatch
} from './known-bug-probes';

const prefix = `${EVENT_PREFIX}bug/`;

/** The problem file alone is quarantined; nothing is dead-lettered; the valid files of its batch land. */
async function expectQuarantinedWithoutHarm(file: SuiteFile, functionTimeoutMs: number): Promise<void> {
  const probe = await probeBatch(file, {
    validCount: 4,
    maxReceiveCount: 2,
    functionTimeoutMs,
    visibilityTimeoutMs: functionTimeoutMs * 1.2
  });
  expect(probe.deadLettered).toEqual([]);
  expect(probe.quarantined).toEqual([file.key]);
  expect(probe.validLanded).toBe(probe.validFiles);
}

// Bugs this suite found (docs/reliability.md, "Bugs found"), each test stating the invariant through
// the production trigger path. An open bug is written as `it.failing` (green while the bug is there,
// red once fixed — then it becomes a plain `it`); all of these are fixed.
describe('bugs found by the reliability suite', () => {
  it('a leap-second timestamp (23:59:60) is quarantined with a reason naming the field instead of being retried into the dead-letter list', async () => {
    const file = leapSecondFile(prefix);
    await expectQuarantinedWithoutHarm(file, 1000);
    expect((await outcomeOf(file)).reasons).toEqual([
      'timestamp: "2016-12-31T23:59:60Z" is a leap second (second 60), which a UTC timestamp cannot hold'
    ]);
  });

  it('a file with thousands of unknown fields is quarantined within the function timeout and does not take the valid files of its batch to the dead-letter list', async () => {
    // Was ~8 s to validate on this machine (quadratic in the number of errors).
    await expectQuarantinedWithoutHarm(manyUnknownFieldsFile(prefix, 6000), 1500);
  });

  it('text with an unpaired surrogate escape is quarantined naming the field, never stored altered', async () => {
    const outcome = await outcomeOf(loneSurrogateFile(prefix));
    expect(outcome.row).toBeUndefined();
    expect(outcome.reasons).toEqual([
      'center_label: text contains an unpaired UTF-16 surrogate (\\ud800), which is not a Unicode character and cannot be stored'
    ]);
  });

  it('a study of ".." lands in a checkpoint whose key has no "." or ".." segment', async () => {
    const outcome = await outcomeOf(dotDotStudyFile(prefix));
    expect(outcome.checkpoint).toBe('checkpoints/--/apoe/events.parquet');
    expect(outcome.row?.study).toBe('..');
  });

  it('a ptid sent as a number is reported as a type error', async () => {
    const outcome = await outcomeOf(numericPtidFile(prefix));
    expect(outcome.reasons).toEqual(['ptid: 110160 must be of type string']);
  });
});
