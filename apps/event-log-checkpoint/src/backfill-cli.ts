import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { backfill, formatProgress, type BackfillSummary } from './backfill';
import { createRuntime } from './runtime';

const USAGE = `usage: event-log-backfill [--bucket B] [--prefix P] [--since YYYY-MM-DD] [--chunk N]
Replays every event-log file under the prefix through the lambda's processing code.
Configuration comes from the lambda's environment variables (SOURCE_BUCKET, CHECKPOINT_BUCKET, …);
--bucket and --prefix default to SOURCE_BUCKET and SOURCE_PREFIX. Ctrl-C stops after the current round;
re-running resumes (processed files are skipped as duplicates).`;

export interface BackfillArgs {
  bucket?: string;
  prefix?: string;
  since?: string;
  chunk?: number;
}

export function parseArgs(argv: readonly string[]): BackfillArgs {
  const args: BackfillArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--bucket') args.bucket = value;
    else if (flag === '--prefix') args.prefix = value;
    else if (flag === '--since') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`--since must be YYYY-MM-DD, got "${value}"`);
      args.since = value;
    } else if (flag === '--chunk') {
      args.chunk = Number(value);
      if (!Number.isInteger(args.chunk) || args.chunk < 1)
        throw new Error(`--chunk must be a positive integer`);
    } else throw new Error(`unknown option ${flag}`);
    i++;
  }
  return args;
}

/** A Lambda-like context for idempotency: its remaining time bounds how long an in-progress record holds. */
export function backfillContext(leaseMs: number): Context {
  const deadline = Date.now() + leaseMs;
  return {
    awsRequestId: randomUUID(),
    functionName: 'event-log-backfill',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now())
  } as Context;
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

export async function main(argv: readonly string[]): Promise<number> {
  let args: BackfillArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  // A terminal run wants the progress bar, not a log line and a metrics document per checkpoint commit.
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const runtime = createRuntime(process.env);
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping after the current round…\n');
    controller.abort();
  });
  const summary = await backfill(runtime.processor, runtime.s3, {
    bucket: args.bucket ?? runtime.config.sourceBucket,
    prefix: args.prefix ?? runtime.config.sourcePrefix,
    ...(args.since ? { since: args.since } : {}),
    ...(args.chunk ? { chunkSize: args.chunk } : {}),
    signal: controller.signal,
    beforeRound: () => runtime.idempotency.registerContext(backfillContext(10 * 60 * 1000)),
    onProgress: (progress) => process.stderr.write(`\r${formatProgress(progress)}`)
  });
  process.stderr.write('\n');
  console.log(formatSummary(summary));
  return summary.failed > 0 ? 1 : summary.interrupted ? 130 : 0;
}
