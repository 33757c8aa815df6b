import * as fc from 'fast-check';
import { retryInRounds } from './retry-rounds';

describe('retryInRounds', () => {
  it('rounds: every item is settled by a round or left with the error, never both, never lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(50), { maxLength: 20 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        async (items, leaveRates, maxRetries) => {
          const settled: number[] = [];
          let call = 0;
          const end = await retryInRounds(
            items,
            async (batch) => {
              const rate = leaveRates[call++ % leaveRates.length];
              const again = batch.filter((_, i) => i < Math.round(batch.length * rate));
              settled.push(...batch.filter((item) => !again.includes(item)));
              return { again, backoff: false };
            },
            'test rounds',
            { maxRetries }
          );
          expect([...settled, ...end.left].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
          expect(call).toBeLessThanOrEqual(maxRetries + 1);
          if (end.left.length > 0) expect(String((end as { error: unknown }).error)).toContain('test rounds');
        }
      ),
      { numRuns: 200 }
    );
  });

  it('a round that throws ends the rounds with its error and the items it was given', async () => {
    const failure = new Error('unavailable');
    let calls = 0;
    const end = await retryInRounds(
      [1, 2, 3],
      async (batch) => {
        if (calls++ > 0) throw failure;
        return { again: batch.slice(1), backoff: false };
      },
      'x'
    );
    expect(end).toEqual({ left: [2, 3], error: failure });
  });

  it('backs off before a round that asks for it, doubling each time', async () => {
    const started = Date.now();
    const gaps: number[] = [];
    let last = started;
    const end = await retryInRounds(
      ['a'],
      async (batch) => {
        gaps.push(Date.now() - last);
        last = Date.now();
        return { again: gaps.length < 3 ? batch : [], backoff: true };
      },
      'x',
      { backoffMs: 20 }
    );
    expect(end).toEqual({ left: [] });
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(39);
  });
});
