import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { ConfigurationError } from '@reporting/utils';
import { backfill, formatProgress, formatSummary } from './backfill';
import type { ChangeProcessor } from './outcomes';

export interface BackfillArgs {
  bucket?: string;
  prefix?: string;
  since?: string;
  chunk?: number;
}

/** What the backfill command needs of a lambda's runtime (built from its environment variables). */
export interface BackfillRuntime {
  processor: ChangeProcessor;
  s3: S3Client;
  idempotency: { registerContext(context: Context): void };
  config: { sourceBucket: string; sourcePrefix: string };
}

export interface BackfillCommand {
  /** The command's name, e.g. `event-log-backfill`. */
  name: string;
  /** Builds the lambda's runtime from process.env. */
  createRuntime: () => BackfillRuntime;
  /** Enables `--since YYYY-MM-DD`: whether a key's object belongs to that day or later. */
  since?: { describe: string; select: (key: string, since: string) => boolean };
}

export function backfillUsage(command: BackfillCommand): string {
  return [
    `usage: ${command.name} [--bucket B] [--prefix P]${command.since ? ' [--since YYYY-MM-DD]' : ''} [--chunk N]`,
    `Replays every .json file under the prefix through the lambda's processing code.`,
    `Configuration comes from the lambda's environment variables (SOURCE_BUCKET, CHECKPOINT_BUCKET, …);`,
    `--bucket and --prefix default to SOURCE_BUCKET and SOURCE_PREFIX. Ctrl-C stops after the current round;`,
    `re-running resumes (processed files are skipped as duplicates).`,
    ...(command.since ? [`--since: ${command.since.describe}`] : [])
  ].join('\n');
}

/** Parses the command line; a bad option throws an Error naming it. */
export function parseBackfillArgs(argv: readonly string[], options: { since: boolean }): BackfillArgs {
  const args: BackfillArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--bucket') args.bucket = value;
    else if (flag === '--prefix') args.prefix = value;
    else if (flag === '--since' && options.since) {
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
export function backfillContext(leaseMs: number, functionName = 'backfill'): Context {
  const deadline = Date.now() + leaseMs;
  return {
    awsRequestId: randomUUID(),
    functionName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now())
  } as Context;
}

/**
 * The backfill command of a lambda (`bin/backfill.js`): progress on stderr, summary on stdout.
 * Exit code 0 when done, 1 when some objects failed, 130 when interrupted, 2 for a bad command line
 * or configuration.
 */
export async function runBackfillCommand(command: BackfillCommand, argv: readonly string[]): Promise<number> {
  let args: BackfillArgs;
  try {
    args = parseBackfillArgs(argv, { since: command.since !== undefined });
  } catch (error) {
    console.error(`${(error as Error).message}\n${backfillUsage(command)}`);
    return 2;
  }
  // A terminal run wants the progress bar, not a log line and a metrics document per checkpoint commit.
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  let runtime: BackfillRuntime;
  try {
    runtime = command.createRuntime();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    return 2;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping after the current round…\n');
    controller.abort();
  });
  const { since } = args;
  const summary = await backfill(runtime.processor, runtime.s3, {
    bucket: args.bucket ?? runtime.config.sourceBucket,
    prefix: args.prefix ?? runtime.config.sourcePrefix,
    ...(since && command.since ? { select: (key: string) => command.since!.select(key, since) } : {}),
    ...(args.chunk ? { chunkSize: args.chunk } : {}),
    signal: controller.signal,
    beforeRound: () => runtime.idempotency.registerContext(backfillContext(10 * 60 * 1000, command.name)),
    onProgress: (progress) => process.stderr.write(`\r${formatProgress(progress)}`)
  });
  process.stderr.write('\n');
  console.log(formatSummary(summary));
  return summary.failed > 0 ? 1 : summary.interrupted ? 130 : 0;
}
