import * as fc from 'fast-check';

import { fullRewriteRowGroupRows, planTailMerge } from './merge-plan';

/** Simulates appends of the given batch sizes; returns final group sizes and rows rewritten by merges. */
function simulate(batches: readonly number[], rowGroupRows: number, maxRowGroups: number) {
  let groups: number[] = [];
  let rewritten = 0;
  let maxGroups = 0;
  for (const rows of batches) {
    const absorbed = planTailMerge(groups, rows, rowGroupRows, maxRowGroups);
    const merged = groups.slice(groups.length - absorbed).reduce((a, b) => a + b, 0);
    rewritten += merged;
    groups = groups.slice(0, groups.length - absorbed);
    if (merged + rows > 0) groups.push(merged + rows);
    maxGroups = Math.max(maxGroups, groups.length);
  }
  return { groups, rewritten, maxGroups };
}

describe('planTailMerge', () => {
  test('bounded row groups: the row-group count never exceeds the bound, whatever the batch sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 2, max: 32 }),
        (batches, rowGroupRows, maxRowGroups) => {
          expect(simulate(batches, rowGroupRows, maxRowGroups).maxGroups).toBeLessThanOrEqual(maxRowGroups);
        }
      ),
      { numRuns: 200 }
    );
  });

  test('single-row appends rewrite each row O(log n) times: total merge work ≤ n·(log2 n + 1)', () => {
    for (const n of [10, 1000, 20_000]) {
      const { rewritten, groups } = simulate(new Array<number>(n).fill(1), 1 << 20, 32);
      expect(rewritten).toBeLessThanOrEqual(n * (Math.log2(n) + 1));
      expect(groups.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  test('merge shape: trailing groups stay in shrinking sizes (binary-counter shape) below the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 100 }), (batches) => {
        const { groups } = simulate(batches, 1 << 20, 1000);
        for (let i = 1; i < groups.length; i++) expect(groups[i]).toBeLessThan(groups[i - 1]);
      }),
      { numRuns: 200 }
    );
  });

  test('analytics-sized groups are not merged into', () => {
    expect(planTailMerge([122_880, 122_880, 5], 10, 122_880, 32)).toBe(1);
    expect(planTailMerge([122_880], 122_880, 122_880, 32)).toBe(0);
  });

  test('rewrite budget: a full rewrite uses at most half the row-group budget', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 2, max: 64 }),
        (rows, size, max) => {
          const perGroup = fullRewriteRowGroupRows(rows, size, max);
          expect(perGroup).toBeGreaterThanOrEqual(size);
          expect(Math.ceil(rows / perGroup)).toBeLessThanOrEqual(Math.max(1, Math.floor(max / 2)));
        }
      ),
      { numRuns: 200 }
    );
  });
});
