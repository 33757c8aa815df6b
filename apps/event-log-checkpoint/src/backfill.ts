import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectChange } from '@reporting/aws-helpers';
import { parseEventFileName } from './file-name';
import type { ChangeResult, ObjectProcessor } from './object-processor';

export interface BackfillOptions {
  bucket: string;
  prefix: string;
  /** Only files whose name says their event happened on or after this day (YYYY-MM-DD); others by name are kept. */
  since?: string;
  /** Objects per processing round: one commit per checkpoint per round (default 1000). */
  chunkSize?: number;
  /** Stops after the current round when aborted (e.g. Ctrl-C); a re-run resumes cheaply. */
  signal?: AbortSignal;
  /** Called before each round (processing code) and after it. */
  onProgress?: (progress: BackfillProgress) => void;
  /** Runs one round; the CLI registers a Lambda-like context for idempotency here. */
  beforeRound?: () => void;
}

export interface BackfillProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface BackfillSummary {
  listed: number;
  selected: number;
  processed: number;
  duplicates: number;
  quarantined: number;
  filtered: number;
  gone: number;
  failed: number;
  interrupted: boolean;
  elapsedMs: number;
  /** Rows appended per checkpoint key. */
  checkpoints: Record<string, number>;
}

/** Lists every `.json` object under the prefix (paginated) as "created" changes. */
export async function listEventObjects(
  client: S3Client,
  bucket: string,
  prefix: string
): Promise<ObjectChange[]> {
  const changes: ObjectChange[] = [];
  for await (const page of paginateListObjectsV2(
    { client, pageSize: 1000 },
    { Bucket: bucket, Prefix: prefix }
  )) {
    for (const item of page.Contents ?? []) {
      if (!item.Key?.endsWith('.json')) continue;
      changes.push({
        kind: 'created',
        eventName: 'Backfill',
        object: {
          bucket,
          key: item.Key,
          ...(item.ETag ? { eTag: item.ETag.replace(/"/g, '') } : {}),
          ...(item.Size !== undefined ? { size: item.Size } : {})
        }
      });
    }
  }
  return changes;
}

/** Whether a key's file-name timestamp is on or after `since`; names without one are always included. */
export function isOnOrAfter(key: string, since: string): boolean {
  const parsed = parseEventFileName(key);
  return parsed === null || parsed.timestamp.slice(0, 8) >= since.replace(/-/g, '');
}

/**
 * Replays every event-log object under a prefix through the same processing code as the lambda.
 * Idempotency makes re-runs cheap: already-processed objects come back as duplicates.
 */
export async function backfill(
  processor: ObjectProcessor,
  client: S3Client,
  options: BackfillOptions
): Promise<BackfillSummary> {
  const started = Date.now();
  const listed = await listEventObjects(client, options.bucket, options.prefix);
  const selected = options.since
    ? listed.filter((c) => c.kind === 'created' && isOnOrAfter(c.object.key, options.since!))
    : listed;
  const chunkSize = options.chunkSize ?? 1000;
  const results: ChangeResult[] = [];
  let interrupted = false;
  for (let offset = 0; offset < selected.length; offset += chunkSize) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    options.onProgress?.({ done: offset, total: selected.length, elapsedMs: Date.now() - started });
    options.beforeRound?.();
    results.push(...(await processor.processChanges(selected.slice(offset, offset + chunkSize))));
  }
  options.onProgress?.({ done: results.length, total: selected.length, elapsedMs: Date.now() - started });
  const count = (status: ChangeResult['status']) => results.filter((r) => r.status === status).length;
  const checkpoints: Record<string, number> = {};
  for (const r of results)
    if (r.status === 'appended') checkpoints[r.checkpoint] = (checkpoints[r.checkpoint] ?? 0) + 1;
  return {
    listed: listed.length,
    selected: selected.length,
    processed: count('appended'),
    duplicates: count('duplicate') + count('already-applied'),
    quarantined: count('quarantined'),
    filtered: count('filtered'),
    gone: count('gone'),
    failed: count('failed'),
    interrupted,
    elapsedMs: Date.now() - started,
    checkpoints
  };
}

/** One line of progress: bar, counts, files/s and ETA. */
export function formatProgress({ done, total, elapsedMs }: BackfillProgress, width = 30): string {
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files  ` +
    `${rate.toFixed(0)} files/s  ETA ${eta === undefined ? '?' : `${eta}s`}`
  );
}
