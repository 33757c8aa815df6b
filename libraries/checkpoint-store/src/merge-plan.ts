/** Analytics-sized row groups: DuckDB's default row-group size. */
export const DEFAULT_ROW_GROUP_ROWS = 122_880;

/** Upper bound on row groups in a checkpoint. */
export const DEFAULT_MAX_ROW_GROUPS = 32;

/**
 * How many trailing row groups an append rewrites together with its new rows (into one row group).
 *
 * Like a binary counter: the new rows absorb the last row group while it is no larger than what
 * has been absorbed so far, so row-group sizes shrink geometrically towards the end of the file,
 * there are O(log n) of them, and each row is rewritten O(log n) times over its life (amortised
 * O(log n) work per appended row). Merging stops at `rowGroupCap` rows (analytics-sized groups
 * are left alone); if the file would still exceed `maxRowGroups`, more groups are absorbed
 * regardless. The cap grows with the file (total / (maxRowGroups / 2)) so the bound holds at any size.
 */
export function planTailMerge(
  groupRows: readonly number[],
  newRows: number,
  rowGroupRows: number = DEFAULT_ROW_GROUP_ROWS,
  maxRowGroups: number = DEFAULT_MAX_ROW_GROUPS
): number {
  const n = groupRows.length;
  let total = newRows;
  for (const rows of groupRows) total += rows;
  const cap = Math.max(rowGroupRows, Math.ceil(total / Math.max(1, Math.floor(maxRowGroups / 2))));
  let absorbed = 0;
  let accumulated = newRows;
  while (absorbed < n) {
    const previous = groupRows[n - 1 - absorbed];
    if (previous > accumulated || previous + accumulated > cap) break;
    accumulated += previous;
    absorbed++;
  }
  const resultingGroups = (): number => n - absorbed + (accumulated > 0 ? 1 : 0);
  while (absorbed < n && resultingGroups() > maxRowGroups) {
    accumulated += groupRows[n - 1 - absorbed];
    absorbed++;
  }
  return absorbed;
}

/**
 * Rows per row group for a full rewrite of `totalRows`: analytics-sized, but large enough that
 * the file uses at most half the row-group budget, leaving the other half to later appends.
 */
export function fullRewriteRowGroupRows(
  totalRows: number,
  rowGroupRows: number = DEFAULT_ROW_GROUP_ROWS,
  maxRowGroups: number = DEFAULT_MAX_ROW_GROUPS
): number {
  return Math.max(1, rowGroupRows, Math.ceil(totalRows / Math.max(1, Math.floor(maxRowGroups / 2))));
}
