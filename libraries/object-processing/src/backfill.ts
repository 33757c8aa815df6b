import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectChange } from '@reporting/aws-helpers';
import type { ChangeProcessor, ChangeResult } from './outcomes';
import { appendedPerCheckpoint, countByStatus } from './summarize';

export interface BackfillOptions {
  bucket: string;
  prefix: string;
  /** Only keys ending with this are listed (default `.json`). */
  suffix?: string;
  /** Keeps only the listed keys this returns true for (e.g. a date in the file name). */
  select?: (key: string) => boolean;
  /** Objects per processing round: one commit per checkpoint per round (default 1000). */
  chunkSize?: number;
  /** Stops after the current round when aborted (e.g. Ctrl-C); a re-run resumes cheaply. */
  signal?: AbortSignal;
  /** Called before each round and after the last. */
  onProgress?: (progress: BackfillProgress) => void;
  /** Called before each round; the CLI registers a Lambda-like context for idempotency here. */
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

/** Lists every object under the prefix whose key ends with `suffix` (paginated) as "created" changes. */
export async function listObjectChanges(
  client: S3Client,
  bucket: string,
  prefix: string,
  suffix = '.json'
): Promise<ObjectChange[]> {
  const changes: ObjectChange[] = [];
  for await (const page of paginateListObjectsV2(
    { client, pageSize: 1000 },
    { Bucket: bucket, Prefix: prefix }
  )) {
    for (const item of page.Contents ?? []) {
      if (!item.Key?.endsWith(suffix)) continue;
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

/**
 * Replays every object under a prefix through the same processing code as the lambda, in rounds.
 * Idempotency makes re-runs cheap: already-processed objects come back as duplicates.
 */
export async function backfill(
  processor: ChangeProcessor,
  client: S3Client,
  options: BackfillOptions
): Promise<BackfillSummary> {
  const started = Date.now();
  const listed = await listObjectChanges(client, options.bucket, options.prefix, options.suffix);
  const { select } = options;
  const selected = select ? listed.filter((c) => c.kind === 'created' && select(c.object.key)) : listed;
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
  const count = countByStatus(results);
  return {
    listed: listed.length,
    selected: selected.length,
    processed: count.appended,
    duplicates: count.duplicate + count['already-applied'],
    quarantined: count.quarantined,
    filtered: count.filtered,
    gone: count.gone,
    failed: count.failed,
    interrupted,
    elapsedMs: Date.now() - started,
    checkpoints: Object.fromEntries(appendedPerCheckpoint(results))
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

export function formatSummary(summary: BackfillSummary): string {
  const lines = [
    `listed ${summary.listed}, selected ${summary.selected}${summary.interrupted ? ' (interrupted)' : ''} in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    `processed ${summary.processed}, skipped as duplicates ${summary.duplicates}, quarantined ${summary.quarantined}, ` +
      `filtered ${summary.filtered}, gone ${summary.gone}, failed ${summary.failed}`,
    ...Object.entries(summary.checkpoints).map(([key, rows]) => `  ${key}: +${rows} rows`)
  ];
  return lines.join('\n');
}
