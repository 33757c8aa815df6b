import * as fc from 'fast-check';
import { TurnBatcher } from './turn-batcher';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatcher', () => {
  it('turn batching: every item is sent once, in batches of at most the size with distinct keys, each key in arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 30 }), { minLength: 1, maxLength: 4 }),
        async (size, turns) => {
          const batches: { key: number; n: number }[][] = [];
          const batcher = new TurnBatcher<{ key: number; n: number }>(
            size,
            (item) => String(item.key),
            (batch) => batches.push(batch)
          );
          let n = 0;
          for (const keys of turns) {
            for (const key of keys) batcher.add({ key, n: n++ });
            await nextTurn();
          }
          await nextTurn();
          const sent = batches.flat();
          expect(sent.map((item) => item.n).sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
          for (const batch of batches) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(size);
            expect(new Set(batch.map((item) => item.key)).size).toBe(batch.length);
          }
          for (let key = 0; key < 10; key++) {
            const order = sent.filter((item) => item.key === key).map((item) => item.n);
            expect(order).toEqual([...order].sort((a, b) => a - b));
          }
        }
      ),
      { numRuns: 200 }
    );
  });

  it('items of one turn wait for the turn to end unless they fill a batch', async () => {
    const batches: number[][] = [];
    const batcher = new TurnBatcher<number>(3, String, (batch) => batches.push(batch));
    for (const item of [1, 2, 3, 4]) batcher.add(item);
    expect(batches).toEqual([[1, 2, 3]]);
    await nextTurn();
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
});
