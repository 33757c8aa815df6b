import { CheckpointSnapshot } from './checkpoint-snapshot';
import { type CheckpointColumns, columnsToRows, decodeColumns } from './parquet/row-decoder';
import { checkSchemaCompatibility } from './parquet/schema-compatibility';
import { APPLIED_SOURCES_KEY, AppliedSources } from './sources/applied-sources';
import type { ObjectStore } from './store/object-store';
import type { TableLayout } from './table/table-layout';
import { compareValues } from './table/table-row';

export interface CheckpointStats {
  readonly rows: number;
  readonly rowGroups: number;
  readonly rowGroupRows: number[];
  /**
   * The sort column's smallest and largest values, from the footer's column statistics: no data is
   * read. Undefined without a sort column, for an empty file or without statistics.
   */
  readonly minSortValue: unknown;
  readonly maxSortValue: unknown;
  readonly sizeBytes: number;
  readonly footerBytes: number;
  readonly etag: string;
  readonly appliedSourcesRecorded: number;
  /** 'current', or 'upgrade' for an older compatible schema (rewritten on the next append). */
  readonly schema: 'current' | 'upgrade';
}

/**
 * Every row in the table's columns (added columns null in rows written before), in file order
 * (sorted within each row group); [] when there is no checkpoint.
 */
export async function readCheckpointRows(
  layout: TableLayout,
  store: ObjectStore,
  key: string
): Promise<Record<string, unknown>[]> {
  const columns = await readCheckpointColumns(layout, store, key);
  return columns === undefined ? [] : columnsToRows(layout.columnNames, columns);
}

/** Selected columns (default all) as arrays; undefined when there is no checkpoint. */
export async function readCheckpointColumns(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  columns: readonly string[] = layout.columnNames
): Promise<CheckpointColumns | undefined> {
  const unknown = columns.filter((name) => !layout.byName.has(name));
  if (unknown.length > 0) {
    throw new RangeError(`table ${layout.definition.schema} has no column ${unknown.join(', ')}`);
  }
  const snapshot = await CheckpointSnapshot.read(store, key);
  if (snapshot === undefined) return undefined;
  checkSchemaCompatibility(layout, snapshot.footer.metadata.schema);
  return decodeColumns(
    layout,
    snapshot,
    snapshot.footer.metadata,
    { rowStart: 0, rowEnd: snapshot.footer.numRows },
    columns
  );
}

/** Size and shape from the footer alone (one range read); undefined when there is no checkpoint. */
export async function checkpointStats(
  layout: TableLayout,
  store: ObjectStore,
  key: string
): Promise<CheckpointStats | undefined> {
  const snapshot = await CheckpointSnapshot.read(store, key);
  if (snapshot === undefined) return undefined;
  const { footer } = snapshot;
  let minSortValue: unknown;
  let maxSortValue: unknown;
  for (const group of footer.metadata.row_groups) {
    if (layout.sortColumn === null) break;
    const column = group.columns.find((chunk) => chunk.meta_data?.path_in_schema[0] === layout.sortColumn);
    const { min_value: min, max_value: max } = column?.meta_data?.statistics ?? {};
    if (
      min !== undefined &&
      min !== null &&
      (minSortValue === undefined || compareValues(min, minSortValue) < 0)
    )
      minSortValue = min;
    if (
      max !== undefined &&
      max !== null &&
      (maxSortValue === undefined || compareValues(max, maxSortValue) > 0)
    )
      maxSortValue = max;
  }
  return {
    rows: footer.numRows,
    rowGroups: footer.rowGroupRows.length,
    rowGroupRows: footer.rowGroupRows,
    minSortValue,
    maxSortValue,
    sizeBytes: snapshot.byteLength,
    footerBytes: snapshot.byteLength - footer.footerStart,
    etag: snapshot.etag,
    appliedSourcesRecorded: AppliedSources.decode(footer.keyValue(APPLIED_SOURCES_KEY)).size,
    schema: checkSchemaCompatibility(layout, footer.metadata.schema).kind
  };
}
