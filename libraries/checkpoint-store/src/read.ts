import { CHECKPOINT_COLUMN_NAMES, type StoredCheckpointRow } from './checkpoint-schema';
import { CheckpointSnapshot } from './checkpoint-snapshot';
import { type CheckpointColumns, columnsToRows, decodeColumns } from './parquet/row-decoder';
import { checkSchemaCompatibility } from './parquet/schema-compatibility';
import { APPLIED_SOURCES_KEY, AppliedSources } from './sources/applied-sources';
import type { ObjectStore } from './store/object-store';

export interface CheckpointStats {
  readonly rows: number;
  readonly rowGroups: number;
  readonly rowGroupRows: number[];
  /** From the footer's column statistics: no data is read. Undefined for an empty file or without statistics. */
  readonly minTimestamp: bigint | undefined;
  readonly maxTimestamp: bigint | undefined;
  readonly sizeBytes: number;
  readonly footerBytes: number;
  readonly etag: string;
  readonly appliedSourcesRecorded: number;
  /** 'current', or 'upgrade' for an older compatible schema (rewritten on the next append). */
  readonly schema: 'current' | 'upgrade';
}

/** Every row, in file order (sorted by timestamp within each row group); [] when there is no checkpoint. */
export async function readCheckpointRows(store: ObjectStore, key: string): Promise<StoredCheckpointRow[]> {
  const columns = await readCheckpointColumns(store, key);
  return columns === undefined ? [] : columnsToRows(columns);
}

/** Selected columns (default all) as arrays; undefined when there is no checkpoint. */
export async function readCheckpointColumns<K extends keyof StoredCheckpointRow>(
  store: ObjectStore,
  key: string,
  columns: readonly K[] = CHECKPOINT_COLUMN_NAMES as readonly K[]
): Promise<Pick<CheckpointColumns, K> | undefined> {
  const snapshot = await CheckpointSnapshot.read(store, key);
  if (snapshot === undefined) return undefined;
  checkSchemaCompatibility(snapshot.footer.metadata.schema);
  const decoded = await decodeColumns(
    snapshot,
    snapshot.footer.metadata,
    { rowStart: 0, rowEnd: snapshot.footer.numRows },
    columns
  );
  return decoded as Pick<CheckpointColumns, K>;
}

/** Size and shape from the footer alone (one range read); undefined when there is no checkpoint. */
export async function checkpointStats(store: ObjectStore, key: string): Promise<CheckpointStats | undefined> {
  const snapshot = await CheckpointSnapshot.read(store, key);
  if (snapshot === undefined) return undefined;
  const { footer } = snapshot;
  let minTimestamp: bigint | undefined;
  let maxTimestamp: bigint | undefined;
  for (const group of footer.metadata.row_groups) {
    const column = group.columns.find((chunk) => chunk.meta_data?.path_in_schema[0] === 'timestamp');
    const { min_value: min, max_value: max } = column?.meta_data?.statistics ?? {};
    if (typeof min === 'bigint' && (minTimestamp === undefined || min < minTimestamp)) minTimestamp = min;
    if (typeof max === 'bigint' && (maxTimestamp === undefined || max > maxTimestamp)) maxTimestamp = max;
  }
  return {
    rows: footer.numRows,
    rowGroups: footer.rowGroupRows.length,
    rowGroupRows: footer.rowGroupRows,
    minTimestamp,
    maxTimestamp,
    sizeBytes: snapshot.byteLength,
    footerBytes: snapshot.byteLength - footer.footerStart,
    etag: snapshot.etag,
    appliedSourcesRecorded: AppliedSources.decode(footer.keyValue(APPLIED_SOURCES_KEY)).size,
    schema: checkSchemaCompatibility(footer.metadata.schema).kind
  };
}
