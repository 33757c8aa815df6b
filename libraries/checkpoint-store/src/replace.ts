import { rewriteGroupRows, type CheckpointWriteOptions } from './append';
import { CheckpointSnapshot, DEFAULT_TAIL_READ_BYTES } from './checkpoint-snapshot';
import { CommitConflictError } from './errors';
import { footerKeyValues } from './footer-key-values';
import { checkSchemaCompatibility } from './parquet/schema-compatibility';
import { encodeCheckpointFile } from './parquet/row-group-encoder';
import { AppliedSources, DEFAULT_APPLIED_SOURCES_CAPACITY } from './sources/applied-sources';
import type { Source } from './sources/source';
import { PreconditionFailedError, type ObjectStore } from './store/object-store';
import type { TableLayout } from './table/table-layout';
import { checkRow, sortRows, type TableRow, withLineage } from './table/table-row';

export interface ReplaceResult {
  readonly rows: number;
  readonly bytes: number;
  readonly etag: string;
  /** True when there was no file before. */
  readonly created: boolean;
}

/**
 * Replaces the whole checkpoint with `rows` of one source, in one conditional write: If-Match the
 * version read (If-None-Match for a new file), so the object is always either the old file or the
 * new one, never a torn or partial one. Of two concurrent replaces one wins; the other fails with
 * CommitConflictError (a replace is not retried: the winner's data is as new as the loser's). A file
 * that the table cannot hold (a column whose type changed) is refused with IncompatibleSchemaError
 * before anything is written.
 */
export async function replaceCheckpoint(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  rows: readonly TableRow[],
  source: Source,
  options: CheckpointWriteOptions = {}
): Promise<ReplaceResult> {
  rows.forEach((row, index) => checkRow(layout, row, index, source));
  const snapshot = await CheckpointSnapshot.read(
    store,
    key,
    options.tailReadBytes ?? DEFAULT_TAIL_READ_BYTES
  );
  if (snapshot !== undefined) checkSchemaCompatibility(layout, snapshot.footer.metadata.schema);
  const ingestedAt = options.clock?.() ?? BigInt(Date.now()) * 1000n;
  const stored = sortRows(
    layout,
    rows.map((row) => withLineage(layout, row, source, ingestedAt))
  );
  const applied = new AppliedSources([], options.appliedSourcesCapacity ?? DEFAULT_APPLIED_SOURCES_CAPACITY);
  applied.add(source);
  const body = encodeCheckpointFile(
    layout,
    stored,
    rewriteGroupRows(stored.length, options),
    footerKeyValues(layout, applied)
  );
  try {
    const written = await store.write(
      key,
      body,
      snapshot === undefined ? { ifNoneMatch: '*' } : { ifMatch: snapshot.etag }
    );
    return { rows: stored.length, bytes: body.length, etag: written.etag, created: snapshot === undefined };
  } catch (error) {
    if (error instanceof PreconditionFailedError) {
      throw new CommitConflictError(
        `replace ${key}: another writer replaced it first; nothing written by this one`
      );
    }
    throw error;
  }
}
