import type { Context } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { ConfigurationError } from '@reporting/utils';
import { availableParallelism } from 'node:os';
import {
  backfillSummary,
  formatProgress,
  formatSummary,
  runRounds,
  selectObjectChanges,
  type BackfillSummary,
  type RoundRunner
} from './backfill';
import { createBackfillClients, type BackfillClients } from './backfill-clients';
import { roundRunner } from './backfill-round';
import { BackfillWorkerPool, type BackfillWorkerModule } from './backfill-workers';
import type { ChangeProcessor } from '@reporting/lambda-runtime';

export interface BackfillArgs {
  bucket?: string;
  prefix?: string;
  since?: string;
  chunk?: number;
  workers?: number;
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
  /** Builds the lambda's runtime from process.env, on the given bulk clients (createBackfillClients). */
  createRuntime: (clients: BackfillClients) => BackfillRuntime;
  /** Enables `--since YYYY-MM-DD`: whether a key's object belongs to that day or later. */
  since?: { describe: string; select: (key: string, since: string) => boolean };
  /**
   * Where worker threads find this command (the module that exports it): enables `--workers N`, each
   * worker with its own runtime. Without it the backfill runs in the command's own thread.
   */
  worker?: BackfillWorkerModule;
}

/** Default worker threads: one per core, at most 4 (beyond that, S3 and DynamoDB latency rule). */
export const DEFAULT_BACKFILL_WORKERS = Math.min(4, availableParallelism());

export function backfillUsage(command: BackfillCommand): string {
  return [
    `usage: ${command.name} [--bucket B] [--prefix P]${command.since ? ' [--since YYYY-MM-DD]' : ''} [--chunk N]` +
      (command.worker ? ' [--workers N]' : ''),
    `Replays every .json file under the prefix through the lambda's processing code.`,
    `Configuration comes from the lambda's environment variables (SOURCE_BUCKET, CHECKPOINT_BUCKET, …);`,
    `--bucket and --prefix default to SOURCE_BUCKET and SOURCE_PREFIX. Ctrl-C stops after the current round;`,
    `re-running resumes (processed files are skipped as duplicates).`,
    `--chunk: objects per round, one commit per checkpoint per round (default 1000).`,
    ...(command.since ? [`--since: ${command.since.describe}`] : []),
    ...(command.worker
      ? [
          `--workers: rounds run at once, each in its own worker thread (default ${DEFAULT_BACKFILL_WORKERS}; 1 = no threads).`
        ]
      : [])
  ].join('\n');
}

/** Parses the command line; a bad option throws an Error naming it. */
export function parseBackfillArgs(
  argv: readonly string[],
  options: { since: boolean; workers?: boolean }
): BackfillArgs {
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
    } else if (flag === '--workers' && options.workers) {
      args.workers = Number(value);
      if (!Number.isInteger(args.workers) || args.workers < 1 || args.workers > 64)
        throw new Error(`--workers must be an integer from 1 to 64`);
    } else throw new Error(`unknown option ${flag}`);
    i++;
  }
  return args;
}

/**
 * The backfill command of a lambda (`bin/backfill.js`): progress on stderr, summary on stdout.
 * Exit code 0 when done, 1 when some objects failed, 130 when interrupted, 2 for a bad command line
 * or configuration.
 */
export async function runBackfillCommand(command: BackfillCommand, argv: readonly string[]): Promise<number> {
  let args: BackfillArgs;
  try {
    args = parseBackfillArgs(argv, {
      since: command.since !== undefined,
      workers: command.worker !== undefined
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${backfillUsage(command)}`);
    return 2;
  }
  // A terminal run wants the progress bar, not a log line and a metrics document per checkpoint commit.
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  let runtime: BackfillRuntime;
  try {
    runtime = command.createRuntime(createBackfillClients());
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
  const summary = await backfillWith(runtime, command, {
    bucket: args.bucket ?? runtime.config.sourceBucket,
    prefix: args.prefix ?? runtime.config.sourcePrefix,
    ...(since && command.since ? { select: (key: string) => command.since!.select(key, since) } : {}),
    chunkSize: args.chunk ?? 1000,
    workers: command.worker ? (args.workers ?? DEFAULT_BACKFILL_WORKERS) : 1,
    signal: controller.signal,
    onProgress: (progress) => process.stderr.write(`\r${formatProgress(progress)}`)
  });
  process.stderr.write('\n');
  console.log(formatSummary(summary));
  return summary.failed > 0 ? 1 : summary.interrupted ? 130 : 0;
}

export interface BackfillRunOptions {
  bucket: string;
  prefix: string;
  select?: (key: string) => boolean;
  chunkSize: number;
  /** 1: rounds run one after another in this thread; more: in that many worker threads at once. */
  workers: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; elapsedMs: number }) => void;
  /** Why a worker's round could not run (its objects count as failed). Default: stderr. */
  onWorkerError?: (message: string) => void;
}

/**
 * Lists with the command's own runtime, then runs the rounds in this thread (`workers` 1) or in a pool
 * of worker threads that each build the runtime from the same environment variables.
 */
export async function backfillWith(
  runtime: BackfillRuntime,
  command: Pick<BackfillCommand, 'name' | 'worker'>,
  options: BackfillRunOptions
): Promise<BackfillSummary> {
  const started = Date.now();
  const { listed, selected } = await selectObjectChanges(runtime.s3, options);
  const useWorkers = options.workers > 1 && command.worker !== undefined;
  const pool = useWorkers
    ? new BackfillWorkerPool(
        command.worker!,
        options.workers,
        options.onWorkerError ?? ((message) => process.stderr.write(`\n${message}\n`))
      )
    : undefined;
  const runRound: RoundRunner = pool
    ? (changes) => pool.runRound(changes)
    : roundRunner(runtime, command.name);
  try {
    const rounds = await runRounds(selected, runRound, {
      chunkSize: options.chunkSize,
      lanes: pool?.size ?? 1,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done) =>
        options.onProgress?.({ done, total: selected.length, elapsedMs: Date.now() - started })
    });
    return backfillSummary(listed, selected.length, rounds, started);
  } finally {
    await pool?.close();
  }
}
