import { CheckpointSnapshot, DEFAULT_TAIL_READ_BYTES, concatBytes } from './checkpoint-snapshot';
import { type RetryOptions, commitWithRetry } from './commit-retry';
import { CorruptCheckpointError } from './errors';
import { type CheckpointLogger, consoleLogger } from './logger';
import {
  DEFAULT_MAX_ROW_GROUPS,
  DEFAULT_ROW_GROUP_ROWS,
  fullRewriteRowGroupRows,
  planTailMerge
} from './merge-plan';
import { encodeCheckpointFile, encodeRowGroups } from './parquet/row-group-encoder';
import { decodeRows } from './parquet/row-decoder';
import { checkSchemaCompatibility } from './parquet/schema-compatibility';
import { rewriteSnapshot } from './full-rewrite';
import { footerKeyValues } from './footer-key-values';
import {
  APPLIED_SOURCES_KEY,
  AppliedSources,
  DEFAULT_APPLIED_SOURCES_CAPACITY
} from './sources/applied-sources';
import type { TableLayout } from './table/table-layout';
import { checkRow, sortRows, type TableRow, withLineage } from './table/table-row';
import { type Source, sourceFingerprint } from './sources/source';
import type { ObjectStore, WriteResult } from './store/object-store';

export interface CheckpointWriteOptions extends RetryOptions {
  /** Rows per row group in full rewrites, and the size up to which trailing groups merge (default 122,880). */
  rowGroupRows?: number;
  /** Bound on the number of row groups (default 32). */
  maxRowGroups?: number;
  /** How many applied sources the footer remembers (default 4096). */
  appliedSourcesCapacity?: number;
  /** Size of the first (suffix) range read of the file's end (default 128 KiB). */
  tailReadBytes?: number;
  logger?: CheckpointLogger;
  /** Test seam: the current time in microseconds since the epoch (the rows' ingested_at). */
  clock?: () => bigint;
}

/** Rows from one source object. */
export interface SourceBatch {
  readonly source: Source;
  readonly rows: readonly TableRow[];
}

export interface AppendBatchesResult {
  /** Sources whose rows this call added, in the order given. */
  readonly applied: Source[];
  /** Sources already in the checkpoint (or repeated in this call): nothing added for them. */
  readonly skipped: Source[];
  readonly rowsAppended: number;
  /** Whether a new version of the object was written (false when every source was skipped). */
  readonly committed: boolean;
  /** ETag of the version written, or of the version read when nothing was written; undefined if there is no object. */
  readonly etag: string | undefined;
  readonly attempts: number;
  readonly created: boolean;
  /** True when an older compatible file was rewritten to the table's current schema (e.g. new columns, null in old rows). */
  readonly upgraded: boolean;
  /** Why it was upgraded (e.g. "new columns lab_site"); empty when it was not. */
  readonly upgradeReasons: readonly string[];
  /** Trailing row groups merged into the new one. */
  readonly rowGroupsMerged: number;
  /** Bytes sent to the store (the copied prefix of a multipart commit excluded). */
  readonly bytesUploaded: number;
  /** Bytes copied store-side from the previous version. */
  readonly bytesCopied: number;
  readonly totalRows: number;
  readonly rowGroups: number;
}

export interface AppendResult extends AppendBatchesResult {
  readonly status: 'applied' | 'skipped';
}

const MICROS_PER_MILLI = 1000n;

/** Appends the rows of one source; a no-op (status 'skipped') if that source is already recorded. */
export async function append(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  rows: readonly TableRow[],
  source: Source,
  options: CheckpointWriteOptions = {}
): Promise<AppendResult> {
  const result = await appendBatches(layout, store, key, [{ source, rows }], options);
  return { ...result, status: result.applied.length > 0 ? 'applied' : 'skipped' };
}

/**
 * Appends rows from several sources in one conditional commit: reads only the end of the
 * checkpoint, skips sources it already records, encodes the new rows (sorted by the sort column,
 * merged with the smallest trailing row groups per planTailMerge) as one row group after the
 * unchanged prefix, writes a footer that keeps every other row-group entry, and commits with
 * If-Match (If-None-Match: * for a new checkpoint), retrying lost races from a fresh read.
 */
export async function appendBatches(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  batches: readonly SourceBatch[],
  options: CheckpointWriteOptions = {}
): Promise<AppendBatchesResult> {
  batches.forEach(({ rows, source }) => rows.forEach((row, index) => checkRow(layout, row, index, source)));
  return commitWithRetry(
    `append to ${key}`,
    async (attempt) => {
      const snapshot = await CheckpointSnapshot.read(
        store,
        key,
        options.tailReadBytes ?? DEFAULT_TAIL_READ_BYTES
      );
      return snapshot === undefined
        ? createCheckpoint(layout, store, key, batches, attempt, options)
        : appendToSnapshot(layout, store, snapshot, batches, attempt, options);
    },
    options
  );
}

interface Selection {
  pending: SourceBatch[];
  skipped: Source[];
  applied: AppliedSources;
}

function selectPending(batches: readonly SourceBatch[], applied: AppliedSources): Selection {
  const pending: SourceBatch[] = [];
  const skipped: Source[] = [];
  const seen = new Set<string>();
  for (const batch of batches) {
    const fingerprint = sourceFingerprint(batch.source);
    if (applied.has(batch.source) || seen.has(fingerprint)) {
      skipped.push(batch.source);
    } else {
      seen.add(fingerprint);
      pending.push(batch);
    }
  }
  for (const batch of pending) applied.add(batch.source);
  return { pending, skipped, applied };
}

function stampRows(
  layout: TableLayout,
  pending: readonly SourceBatch[],
  clock: () => bigint
): Record<string, unknown>[] {
  const ingestedAt = clock();
  return sortRows(
    layout,
    pending.flatMap(({ source, rows }) => rows.map((row) => withLineage(layout, row, source, ingestedAt)))
  );
}

function defaultClock(): bigint {
  return BigInt(Date.now()) * MICROS_PER_MILLI;
}

async function createCheckpoint(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  batches: readonly SourceBatch[],
  attempts: number,
  options: CheckpointWriteOptions
): Promise<AppendBatchesResult> {
  const capacity = options.appliedSourcesCapacity ?? DEFAULT_APPLIED_SOURCES_CAPACITY;
  const { pending, skipped, applied } = selectPending(batches, new AppliedSources([], capacity));
  const rows = stampRows(layout, pending, options.clock ?? defaultClock);
  const rowGroupRows = rewriteGroupRows(rows.length, options);
  const body = encodeCheckpointFile(layout, rows, rowGroupRows, footerKeyValues(layout, applied));
  const written = await store.write(key, body, { ifNoneMatch: '*' });
  return {
    applied: pending.map((batch) => batch.source),
    skipped,
    rowsAppended: rows.length,
    committed: true,
    etag: written.etag,
    attempts,
    created: true,
    upgraded: false,
    upgradeReasons: [],
    rowGroupsMerged: 0,
    bytesUploaded: body.length,
    bytesCopied: 0,
    totalRows: rows.length,
    rowGroups: Math.ceil(rows.length / rowGroupRows)
  };
}

/** Row-group size of a full rewrite of `totalRows` under these options. */
export function rewriteGroupRows(totalRows: number, options: CheckpointWriteOptions): number {
  return fullRewriteRowGroupRows(
    totalRows,
    options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS,
    options.maxRowGroups ?? DEFAULT_MAX_ROW_GROUPS
  );
}

export function readAppliedSources(snapshot: CheckpointSnapshot, capacity: number): AppliedSources {
  try {
    return AppliedSources.decode(snapshot.footer.keyValue(APPLIED_SOURCES_KEY), capacity);
  } catch (error) {
    throw new CorruptCheckpointError(`applied-sources record is damaged: ${(error as Error).message}`);
  }
}

async function appendToSnapshot(
  layout: TableLayout,
  store: ObjectStore,
  snapshot: CheckpointSnapshot,
  batches: readonly SourceBatch[],
  attempts: number,
  options: CheckpointWriteOptions
): Promise<AppendBatchesResult> {
  const { footer, key, etag } = snapshot;
  const compatibility = checkSchemaCompatibility(layout, footer.metadata.schema);
  const capacity = options.appliedSourcesCapacity ?? DEFAULT_APPLIED_SOURCES_CAPACITY;
  const { pending, skipped, applied } = selectPending(batches, readAppliedSources(snapshot, capacity));
  const unchanged = {
    applied: [],
    skipped,
    rowsAppended: 0,
    committed: false,
    etag,
    attempts,
    created: false,
    upgraded: false,
    upgradeReasons: [],
    rowGroupsMerged: 0,
    bytesUploaded: 0,
    bytesCopied: 0,
    totalRows: footer.numRows,
    rowGroups: footer.rowGroupRows.length
  };
  if (pending.length === 0) return unchanged;
  const newRows = stampRows(layout, pending, options.clock ?? defaultClock);
  const appliedSources = pending.map((batch) => batch.source);

  if (compatibility.kind === 'upgrade') {
    const logger = options.logger ?? consoleLogger;
    logger.info('checkpoint written under an older schema: upgrading it with a full compaction', {
      key,
      table: layout.definition.schema,
      reasons: compatibility.reasons,
      rows: footer.numRows
    });
    const { body, rows } = await rewriteSnapshot(
      layout,
      snapshot,
      newRows,
      (total) => rewriteGroupRows(total, options),
      footerKeyValues(layout, applied)
    );
    const written = await store.write(key, body, { ifMatch: etag });
    return {
      ...unchanged,
      applied: appliedSources,
      rowsAppended: newRows.length,
      committed: true,
      etag: written.etag,
      upgraded: true,
      upgradeReasons: compatibility.reasons,
      bytesUploaded: body.length,
      totalRows: rows,
      rowGroups: Math.ceil(rows / rewriteGroupRows(rows, options))
    };
  }

  const groupRows = footer.rowGroupRows;
  const merged = planTailMerge(
    groupRows,
    newRows.length,
    options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS,
    options.maxRowGroups ?? DEFAULT_MAX_ROW_GROUPS
  );
  const kept = groupRows.length - merged;
  const cut = merged > 0 ? footer.rowGroupStart(kept) : footer.footerStart;
  let rows = newRows;
  if (merged > 0) {
    let rowStart = 0;
    for (let i = 0; i < kept; i++) rowStart += groupRows[i];
    await snapshot.prefetch(cut, footer.footerStart);
    const absorbed = await decodeRows(layout, snapshot, footer.metadata, {
      rowStart,
      rowEnd: footer.numRows
    });
    rows = sortRows(layout, [...absorbed, ...newRows]);
  }
  const { data, rowGroups } = encodeRowGroups(layout, rows, cut, Math.max(1, rows.length));
  const newFooter = footer.rewrite({
    keepRowGroups: kept,
    newRowGroups: rowGroups,
    cut,
    keyValues: footerKeyValues(layout, applied)
  });
  const tail = concatBytes([data, newFooter]);
  let written: WriteResult;
  let bytesUploaded = tail.length;
  let bytesCopied = 0;
  if (cut >= store.minimumPrefixBytes) {
    written = await store.writeWithCopiedPrefix(key, { etag, length: cut }, tail, { ifMatch: etag });
    bytesCopied = cut;
  } else {
    const body = concatBytes([await snapshot.bytes(0, cut), tail]);
    written = await store.write(key, body, { ifMatch: etag });
    bytesUploaded = body.length;
  }
  return {
    ...unchanged,
    applied: appliedSources,
    rowsAppended: newRows.length,
    committed: true,
    etag: written.etag,
    rowGroupsMerged: merged,
    bytesUploaded,
    bytesCopied,
    totalRows: footer.numRows + newRows.length,
    rowGroups: kept + rowGroups.length
  };
}
