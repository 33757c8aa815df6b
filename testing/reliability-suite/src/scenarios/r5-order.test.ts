import { SMALL } from '../sizes';
import { runOrder } from './r5-order';

describe('R5 order (small)', () => {
  it('every event arriving in random order is kept and each checkpoint is globally sorted by timestamp after full compaction', async () => {
    const result = await runOrder(SMALL.r5);
    expect(result.violations).toEqual([]);
    const { visits, lateEvents, identicalCopies } = SMALL.r5;
    expect(result.exactlyOnce.rows).toBe(visits * 3 + lateEvents + identicalCopies);
    // Random arrival really produced out-of-order checkpoints for compaction to sort.
    expect(result.figures['checkpoints globally unsorted before compaction']).toBeGreaterThan(0);
    expect(result.figures['checkpoints globally unsorted after compaction']).toBe(0);
  });
});
