import { SMALL } from '../sizes';
import { runDuplicates } from './r1-duplicates';

describe('R1 duplicates (small)', () => {
  it('each valid event lands exactly once and each invalid file is quarantined once when every notification is delivered 3× in shuffled order', async () => {
    const result = await runDuplicates(SMALL.r1);
    expect(result.violations).toEqual([]);
    const { validFiles, identicalCopies } = SMALL.r1;
    expect(result.exactlyOnce.rows).toBe(validFiles + identicalCopies);
    expect(result.quarantine.records).toBe(SMALL.r1.invalidFiles);
    // The lever really delivered duplicates: more messages than notifications.
    expect(
      Number(result.figures['messages handled (deliveries × notifications + S3 test event)'])
    ).toBeGreaterThanOrEqual(
      3 * (validFiles + identicalCopies + SMALL.r1.sandboxFiles + SMALL.r1.invalidFiles)
    );
  });
});
