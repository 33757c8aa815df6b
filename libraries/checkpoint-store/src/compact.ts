import { readAppliedSources, rewriteGroupRows } from './append';
import type { CheckpointWriteOptions } from './append';
import { CheckpointSnapshot, DEFAULT_TAIL_READ_BYTES } from './checkpoint-snapshot';
import { commitWithRetry } from './commit-retry';
import { footerKeyValues } from './footer-key-values';
import { consoleLogger } from './logger';
import { rewriteSnapshot } from './full-rewrite';
import { checkSchemaCompatibility } from './parquet/schema-compatibility';
import { DEFAULT_APPLIED_SOURCES_CAPACITY } from './sources/applied-sources';
import type { ObjectStore } from './store/object-store';
import type { TableLayout } from './table/table-layout';

export interface CompactResult {
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** Rows dropped because their source had been applied more than once. */
  readonly duplicateRowsRemoved: number;
  readonly rowGroupsBefore: number;
  readonly rowGroupsAfter: number;
  /** True when the file had an older compatible schema and now has the current one. */
  readonly upgraded: boolean;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  readonly etag: string;
  readonly attempts: number;
}

/**
 * Full compaction: rewrites the checkpoint globally sorted by the table's sort column in
 * analytics-sized row groups, in the table's current schema, dropping rows of repeated sources (reported). Committed with
 * If-Match like an append; undefined when there is no checkpoint.
 */
export async function compactCheckpoint(
  layout: TableLayout,
  store: ObjectStore,
  key: string,
  options: CheckpointWriteOptions = {}
): Promise<CompactResult | undefined> {
  return commitWithRetry(
    `compact ${key}`,
    async (attempts) => {
      const snapshot = await CheckpointSnapshot.read(
        store,
        key,
        options.tailReadBytes ?? DEFAULT_TAIL_READ_BYTES
      );
      if (snapshot === undefined) return undefined;
      const { footer } = snapshot;
      const compatibility = checkSchemaCompatibility(layout, footer.metadata.schema);
      const applied = readAppliedSources(
        snapshot,
        options.appliedSourcesCapacity ?? DEFAULT_APPLIED_SOURCES_CAPACITY
      );
      const bytesBefore = snapshot.byteLength;
      const {
        body,
        rows,
        duplicateRowsRemoved: removed
      } = await rewriteSnapshot(
        layout,
        snapshot,
        [],
        (total) => rewriteGroupRows(total, options),
        footerKeyValues(layout, applied)
      );
      const written = await store.write(key, body, { ifMatch: snapshot.etag });
      const result: CompactResult = {
        rowsBefore: footer.numRows,
        rowsAfter: rows,
        duplicateRowsRemoved: removed,
        rowGroupsBefore: footer.rowGroupRows.length,
        rowGroupsAfter: Math.ceil(rows / rewriteGroupRows(rows, options)),
        upgraded: compatibility.kind === 'upgrade',
        bytesBefore,
        bytesAfter: body.length,
        etag: written.etag,
        attempts
      };
      const logger = options.logger ?? consoleLogger;
      if (removed > 0) logger.warn('full compaction removed rows of repeated sources', { key, removed });
      if (result.upgraded) {
        logger.info('checkpoint upgraded to the current schema', {
          key,
          reasons: compatibility.kind === 'upgrade' ? compatibility.reasons : []
        });
      }
      return result;
    },
    options
  );
}
