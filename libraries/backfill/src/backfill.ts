import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectChange } from '@reporting/lambda-runtime';
import type { ChangeProcessor, ChangeResult } from '@reporting/lambda-runtime';
import { appendedPerCheckpoint, countByStatus } from '@reporting/lambda-runtime';

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

/** Outcome counts shared by a whole backfill's summary and the tally of the rounds one worker ran. */
export interface BackfillCounts {
  duplicates: number;
  quarantined: number;
  filtered: number;
  gone: number;
  failed: number;
  /** The first few failures (at most MAX_FAILURE_SAMPLES, `key: error`); a re-run retries them. */
  failures: string[];
  /** Rows appended per checkpoint key. */
  checkpoints: Record<string, number>;
}

export interface BackfillSummary extends BackfillCounts {
  listed: number;
  selected: number;
  processed: number;
  interrupted: boolean;
  elapsedMs: number;
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

/** What a set of rounds came to: a worker thread sends this back for each round it ran. */
export interface BackfillTally extends BackfillCounts {
  done: number;
  appended: number;
}

/** Failures named in a summary; the rest are only counted. */
export const MAX_FAILURE_SAMPLES = 5;

export function emptyTally(): BackfillTally {
  return {
    done: 0,
    appended: 0,
    duplicates: 0,
    quarantined: 0,
    filtered: 0,
    gone: 0,
    failed: 0,
    failures: [],
    checkpoints: {}
  };
}

/** Tallies one round's results (structured-cloneable, unlike the results with their errors). */
export function tallyResults(
  results: readonly ChangeResult[],
  changes: readonly ObjectChange[] = []
): BackfillTally {
  const count = countByStatus(results);
  const failures: string[] = [];
  results.forEach((result, i) => {
    if (result.status !== 'failed' || failures.length >= MAX_FAILURE_SAMPLES) return;
    const change = changes[i];
    const key = change && change.kind !== 'test' ? change.object.key : `#${i}`;
    failures.push(`${key}: ${describeError(result.error)}`);
  });
  return {
    done: results.length,
    appended: count.appended,
    duplicates: count.duplicate + count['already-applied'],
    quarantined: count.quarantined,
    filtered: count.filtered,
    gone: count.gone,
    failed: count.failed,
    failures,
    checkpoints: Object.fromEntries(appendedPerCheckpoint(results))
  };
}

export function mergeTallies(a: BackfillTally, b: BackfillTally): BackfillTally {
  const checkpoints = { ...a.checkpoints };
  for (const [key, rows] of Object.entries(b.checkpoints)) checkpoints[key] = (checkpoints[key] ?? 0) + rows;
  return {
    done: a.done + b.done,
    appended: a.appended + b.appended,
    duplicates: a.duplicates + b.duplicates,
    quarantined: a.quarantined + b.quarantined,
    filtered: a.filtered + b.filtered,
    gone: a.gone + b.gone,
    failed: a.failed + b.failed,
    failures: [...a.failures, ...b.failures].slice(0, MAX_FAILURE_SAMPLES),
    checkpoints
  };
}

/** Runs one round of changes somewhere (in this thread or in a worker) and tallies it. */
export type RoundRunner = (changes: ObjectChange[]) => Promise<BackfillTally>;

export interface RoundsOptions {
  chunkSize: number;
  /** Rounds in flight at once (one per worker). */
  lanes: number;
  signal?: AbortSignal;
  /** Called before each round is started (with the files done so far) and after the last. */
  onProgress?: (done: number) => void;
}

/**
 * Cuts the selected changes into rounds and keeps `lanes` of them running; once aborted, no new round
 * starts and the running ones finish.
 */
export async function runRounds(
  selected: readonly ObjectChange[],
  runRound: RoundRunner,
  options: RoundsOptions
): Promise<{ tally: BackfillTally; interrupted: boolean }> {
  let tally = emptyTally();
  let next = 0;
  let interrupted = false;
  const lane = async (): Promise<void> => {
    while (next < selected.length) {
      if (options.signal?.aborted) {
        interrupted = true;
        return;
      }
      const round = selected.slice(next, next + options.chunkSize);
      next += round.length;
      options.onProgress?.(tally.done);
      const roundTally = await runRound(round);
      tally = mergeTallies(tally, roundTally);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes) }, lane));
  options.onProgress?.(tally.done);
  return { tally, interrupted };
}

/** The summary of a backfill from its listing and its rounds' tally. */
export function backfillSummary(
  listed: number,
  selected: number,
  { tally, interrupted }: { tally: BackfillTally; interrupted: boolean },
  started: number
): BackfillSummary {
  return {
    listed,
    selected,
    processed: tally.appended,
    duplicates: tally.duplicates,
    quarantined: tally.quarantined,
    filtered: tally.filtered,
    gone: tally.gone,
    failed: tally.failed,
    failures: tally.failures,
    interrupted,
    elapsedMs: Date.now() - started,
    checkpoints: tally.checkpoints
  };
}

/** Lists the prefix and keeps what `select` wants. */
export async function selectObjectChanges(
  client: S3Client,
  options: Pick<BackfillOptions, 'bucket' | 'prefix' | 'suffix' | 'select'>
): Promise<{ listed: number; selected: ObjectChange[] }> {
  const listed = await listObjectChanges(client, options.bucket, options.prefix, options.suffix);
  const { select } = options;
  const selected = select ? listed.filter((c) => c.kind === 'created' && select(c.object.key)) : listed;
  return { listed: listed.length, selected };
}

/**
 * Replays every object under a prefix through the same processing code as the lambda, in rounds, in
 * this thread. Idempotency makes re-runs cheap: already-processed objects come back as duplicates.
 */
export async function backfill(
  processor: ChangeProcessor,
  client: S3Client,
  options: BackfillOptions
): Promise<BackfillSummary> {
  const started = Date.now();
  const { listed, selected } = await selectObjectChanges(client, options);
  const rounds = await runRounds(
    selected,
    async (changes) => {
      options.beforeRound?.();
      return tallyResults(await processor.processChanges(changes), changes);
    },
    {
      chunkSize: options.chunkSize ?? 1000,
      lanes: 1,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done) =>
        options.onProgress?.({ done, total: selected.length, elapsedMs: Date.now() - started })
    }
  );
  return backfillSummary(listed, selected.length, rounds, started);
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
    ...Object.entries(summary.checkpoints).map(([key, rows]) => `  ${key}: +${rows} rows`),
    ...summary.failures.map((failure) => `  failed (re-run to retry): ${failure}`)
  ];
  return lines.join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
