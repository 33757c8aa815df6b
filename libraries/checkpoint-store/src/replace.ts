import { type CheckpointWriteOptions, rewriteGroupRows } from './append';
import { CheckpointSnapshot, DEFAULT_TAIL_READ_BYTES } from './checkpoint-snapshot';
import { CommitConflictError } from './errors';
import { footerKeyValues } from './footer-key-values';
import { sortOrder } from './full-rewrite';
import { CheckpointFileEncoder } from './parquet/row-group-encoder';
import { checkSchemaCompatibility } from './parquet/schema-compatibility';
import { AppliedSources, DEFAULT_APPLIED_SOURCES_CAPACITY } from './sources/applied-sources';
import type { Source } from './sources/source';
import { PreconditionFailedError, type ObjectStore } from './store/object-store';
import { type ColumnBatch, batchFromRows, checkBatch, storedColumns } from './table/column-batch';
import { ColumnVector } from './table/column-vector';
import type { TableLayout } from './table/table-layout';
import { checkRow, sortRows, type TableRow } from './table/table-row';

export interface ReplaceResult {
  readonly rows: number;
  readonly bytes: number;
  readonly etag: string;
  /** True when there was no file before. */
  readonly created: boolean;
  readonly rowGroups: number;
}

/**
 * Replaces the whole checkpoint with the rows of one source, in one conditional write: If-Match the
 * version read (If-None-Match for a new file), so the object is always either the old file or the
 * new one, never a torn or partial one. Of two concurrent replaces one wins; the other fails with
 * CommitConflictError (a replace is not retried: the winner's data is as new as the loser's). A file
 * that the table cannot hold (a column whose type changed) is refused with IncompatibleSchemaError
 * before anything is read from `batches`.
 *
 * The rows arrive as a stream of column batches, each encoded as one row group as it comes (sorted
 * within itself by the table's sort column) and sent on (ObjectStore.beginUpload), so memory holds
 * one batch and a few parts of the file, never every row nor the whole file. A batch that fails (a bad value, or the source throwing) stops the replace: nothing is written.
 */
export async function replaceCheckpoint(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  batches: Iterable<ColumnBatch> | AsyncIterable<ColumnBatch>,
  source: Source,
  options: CheckpointWriteOptions = {}
): Promise<ReplaceResult> {
  const snapshot = await CheckpointSnapshot.read(
    store,
    key,
    options.tailReadBytes ?? DEFAULT_TAIL_READ_BYTES
  );
  if (snapshot !== undefined) checkSchemaCompatibility(layout, snapshot.footer.metadata.schema);
  const ingestedAt = options.clock?.() ?? BigInt(Date.now()) * 1000n;
  const applied = new AppliedSources([], options.appliedSourcesCapacity ?? DEFAULT_APPLIED_SOURCES_CAPACITY);
  applied.add(source);
  const encoder = new CheckpointFileEncoder(layout, footerKeyValues(layout, applied));
  // The file goes out as it is encoded (on S3 a multipart upload), completed only if the version
  // read is still there: memory holds a few parts, never the whole file.
  const upload = store.beginUpload(
    key,
    snapshot === undefined ? { ifNoneMatch: '*' } : { ifMatch: snapshot.etag }
  );
  let rows = 0;
  let rowGroups = 0;
  try {
    for await (const batch of batches) {
      checkBatch(layout, batch, rows, source);
      if (batch.rowCount === 0) continue;
      encoder.writeRowGroup(
        storedColumns(layout, batch, source, ingestedAt, batchOrder(layout, batch)),
        batch.rowCount
      );
      rows += batch.rowCount;
      rowGroups++;
      await upload.append(encoder.takeChunks());
    }
    await upload.append(encoder.finishChunks());
  } catch (error) {
    await upload.abort();
    throw error;
  }
  try {
    const written = await upload.complete();
    return {
      rows,
      bytes: encoder.bytesWritten,
      etag: written.etag,
      created: snapshot === undefined,
      rowGroups
    };
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      throw new CommitConflictError(
        `replace ${key}: another writer replaced it first; nothing written by this one`
      );
    }
    throw error;
  }
}

/** The order that sorts a batch by the table's sort column (undefined: as it comes). */
function batchOrder(layout: TableLayout, batch: ColumnBatch): Uint32Array | undefined {
  const sortValues = layout.sortColumn === null ? undefined : batch.columns[layout.sortColumn];
  if (layout.sortColumn === null || sortValues === undefined) return undefined;
  return sortOrder(
    {
      [layout.sortColumn]: sortValues instanceof ColumnVector ? sortValues.toArray() : sortValues
    } as Record<string, unknown[]>,
    layout.sortColumn,
    new Uint8Array(batch.rowCount)
  );
}

/** The batches of a replace by rows: checked, sorted as a whole, cut into full-rewrite-sized row groups. */
export function batchesOfRows(
  layout: TableLayout,
  rows: readonly TableRow[],
  source: Source,
  options: CheckpointWriteOptions
): ColumnBatch[] {
  rows.forEach((row, index) => checkRow(layout, row, index, source));
  const sorted = sortRows(layout, [...rows]);
  const groupRows = rewriteGroupRows(sorted.length, options);
  const batches: ColumnBatch[] = [];
  for (let start = 0; start < sorted.length; start += groupRows) {
    batches.push(batchFromRows(layout, sorted.slice(start, start + groupRows)));
  }
  return batches;
}
