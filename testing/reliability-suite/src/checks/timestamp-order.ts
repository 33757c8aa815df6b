import type { VisitEventRow } from '@reporting/schemas';

/** Index of the first row whose timestamp is earlier than its predecessor's; -1 when sorted. */
export function firstOutOfOrder(rows: readonly Pick<VisitEventRow, 'timestamp'>[]): number {
  for (let i = 1; i < rows.length; i++) if (rows[i].timestamp < rows[i - 1].timestamp) return i;
  return -1;
}

/** Rows split into their row groups (file order) by the groups' row counts. */
export function rowGroups<T>(rows: readonly T[], groupRows: readonly number[]): T[][] {
  const groups: T[][] = [];
  let start = 0;
  for (const count of groupRows) {
    groups.push(rows.slice(start, start + count));
    start += count;
  }
  return groups;
}
