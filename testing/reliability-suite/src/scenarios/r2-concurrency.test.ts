import { SMALL } from '../sizes';
import { runConcurrency } from './r2-concurrency';

describe('R2 concurrency (small)', () => {
  it('no update is lost when at least 32 concurrent invocations append to the same checkpoint', async () => {
    const result = await runConcurrency(SMALL.r2);
    expect(result.violations).toEqual([]);
    expect(result.exactlyOnce.rows).toBe(
      SMALL.r2.queueFiles + SMALL.r2.directInvocations * SMALL.r2.batchSize
    );
    expect(result.figures['queue path: peak concurrent invocations']).toBeGreaterThanOrEqual(32);
    expect(result.figures['direct path: peak concurrent invocations']).toBeGreaterThanOrEqual(32);
  });
});
