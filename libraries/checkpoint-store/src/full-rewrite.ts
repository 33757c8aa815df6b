import type { CheckpointSnapshot } from './checkpoint-snapshot';
import { type CheckpointColumns, decodeColumns } from './parquet/row-decoder';
import { encodeColumnsAsFile } from './parquet/row-group-encoder';
import { INGESTED_AT, SOURCE_KEY, SOURCE_VERSION, type TableLayout } from './table/table-layout';
import { compareValues, type TableRow } from './table/table-row';

/**
 * A full rewrite (compaction, schema upgrade) done column-wise: the rows never become objects,
 * a stable sort permutation replaces moving them, and the encoder sees one row group of columns
 * at a time. This keeps a 1 M-row compaction within the memory budget (docs/benchmarks.md).
 */
export async function rewriteSnapshot(
  layout: TableLayout,
  snapshot: CheckpointSnapshot,
  extraRows: readonly TableRow[],
  rowGroupRows: (totalRows: number) => number,
  keyValues: Record<string, string>
): Promise<{ body: Uint8Array; rows: number; duplicateRowsRemoved: number }> {
  await snapshot.prefetch(0, snapshot.byteLength);
  const columns = await decodeColumns(layout, snapshot, snapshot.footer.metadata, {
    rowStart: 0,
    rowEnd: snapshot.footer.numRows
  });
  snapshot.release(); // the old bytes are no longer needed while encoding
  appendRows(layout, columns, extraRows);
  const { drop, removed } = layout.hasLineage
    ? repeatedSourceRows(columns)
    : { drop: new Uint8Array(columns[layout.columnNames[0]].length), removed: 0 };
  const order = sortOrder(columns, layout.sortColumn, drop);
  const body = encodeColumnsAsFile(layout, columns, order, rowGroupRows(order.length), keyValues);
  return { body, rows: order.length, duplicateRowsRemoved: removed };
}

function appendRows(layout: TableLayout, columns: CheckpointColumns, rows: readonly TableRow[]): void {
  for (const name of layout.columnNames) {
    const target = columns[name];
    for (const row of rows) target.push(row[name]);
  }
}

/**
 * Rows of any source applied more than once (possible only once a source's fingerprint has aged
 * out of the bounded applied-sources record): for each (source_key, source_version), rows not
 * from its earliest ingestion. Rows without lineage are never dropped.
 */
export function repeatedSourceRows(columns: CheckpointColumns): { drop: Uint8Array; removed: number } {
  const keys = columns[SOURCE_KEY] as (string | null)[];
  const versions = columns[SOURCE_VERSION] as (string | null)[];
  const ingested = columns[INGESTED_AT] as (bigint | null)[];
  const count = keys.length;
  const first = new Map<string, bigint>();
  const ids = new Array<string | undefined>(count);
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    const version = versions[i];
    const at = ingested[i];
    if (key === null || version === null || at === null) continue;
    const id = `${key}\u0000${version}`;
    ids[i] = id;
    const seen = first.get(id);
    if (seen === undefined || at < seen) first.set(id, at);
  }
  const drop = new Uint8Array(count);
  let removed = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    if (id !== undefined && ingested[i] !== first.get(id)) {
      drop[i] = 1;
      removed++;
    }
  }
  return { drop, removed };
}

/** Indexes of the kept rows, stably sorted by the sort column (in file order without one). */
export function sortOrder(
  columns: CheckpointColumns,
  sortColumn: string | null,
  drop: Uint8Array
): Uint32Array {
  const kept: number[] = [];
  for (let i = 0; i < drop.length; i++) if (drop[i] === 0) kept.push(i);
  const order = Uint32Array.from(kept);
  if (sortColumn === null) return order;
  const values = columns[sortColumn];
  order.sort((a, b) => compareValues(values[a], values[b]) || a - b);
  return order;
}
