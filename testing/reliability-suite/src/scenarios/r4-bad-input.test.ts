import { BAD_FILE_KINDS } from '@reporting/test-kit';
import { SMALL } from '../sizes';
import { runBadInput } from './r4-bad-input';

describe('R4 bad input (small)', () => {
  it('every bad file is quarantined once with a reason naming its problem while the valid files of the same batches land and no invocation fails', async () => {
    const result = await runBadInput(SMALL.r4);
    expect(result.violations).toEqual([]);
    expect(result.quarantine.records).toBe(SMALL.r4.badFiles);
    expect(Object.keys(result.quarantine.byKind).sort()).toEqual(BAD_FILE_KINDS.map((k) => k.name).sort());
    expect(result.exactlyOnce.rows).toBe(SMALL.r4.validFiles + SMALL.r4.validWithBom);
    expect(result.figures['invocations with more than one file']).toBeGreaterThan(0);
  });
});
