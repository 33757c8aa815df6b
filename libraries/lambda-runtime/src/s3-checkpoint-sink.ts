import type { S3Client } from '@aws-sdk/client-s3';
import type { Observability } from './observability';
import { type CheckpointLogger, type CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import type { CheckpointSink } from './checkpoint-sink';

/** Checkpoints of one table in one S3 bucket, written through the checkpoint store (conditional, O(new rows)). */
export function createS3CheckpointSink(
  client: S3Client,
  bucket: string,
  table: CheckpointTable,
  powertools: Observability['logger']
): CheckpointSink {
  const store = new S3ObjectStore(client, bucket);
  const logger: CheckpointLogger = {
    info: (message, details) => powertools.info(message, { ...details }),
    warn: (message, details) => powertools.warn(message, { ...details })
  };
  return {
    async append(checkpointKey, batches) {
      const result = await table.appendBatches(store, checkpointKey, batches, { logger });
      return {
        skipped: result.skipped,
        upgraded: result.upgraded,
        rowsAppended: result.rowsAppended,
        totalRows: result.totalRows,
        // The new object is the copied prefix plus what was sent; nothing when every source was skipped.
        bytes: result.committed ? result.bytesUploaded + result.bytesCopied : 0
      };
    }
  };
}
