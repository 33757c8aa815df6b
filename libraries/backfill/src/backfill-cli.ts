import type { Context } from 'aws-lambda';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { ConfigurationError } from '@reporting/utils';
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createProgressLine } from './progress-line';
import { dryRun, formatDryRun } from './dry-run';
import { idempotencyKeyPrefix } from '@reporting/lambda-runtime';
import { partitionDone } from './done-objects';
import {
  backfillViaQueue,
  DEFAULT_RECORDS_PER_MESSAGE,
  formatQueueDepth,
  formatQueueProgress,
  formatQueueSummary
} from './queue-backfill';
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
  /** Replay through the deployed lambdas: send the objects to this queue instead of processing them here. */
  viaQueue?: boolean;
  queueUrl?: string;
  dlqUrl?: string;
  /** Print the usage and end (exit 0). */
  help?: boolean;
  /** List what would be processed and which checkpoints it would touch; write nothing. */
  dryRun?: boolean;
  /**
   * The deployed function's name: Powertools prefixes its idempotency keys with it. Both paths use its
   * records (the in-process one writes them too), so that what either did, the other skips.
   */
  functionName?: string;
  /** --via-queue: end after enqueueing instead of following the queue until it is empty. */
  detach?: boolean;
  /** --via-queue: S3 records per message (default DEFAULT_RECORDS_PER_MESSAGE). */
  recordsPerMessage?: number;
}

/** What the backfill command needs of a lambda's runtime (built from its environment variables). */
export interface BackfillRuntime {
  processor: ChangeProcessor;
  s3: S3Client;
  idempotency: { registerContext(context: Context): void };
  /** With `idempotencyTable`, objects it records as done are skipped in bulk before any read. */
  config: { sourceBucket: string; sourcePrefix: string; idempotencyTable?: string };
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
      (command.worker ? ' [--workers N]' : '') +
      ' [--function-name NAME] [--dry-run] [--help]',
    `Replays every .json file under the prefix through the lambda's processing code.`,
    `Configuration comes from the lambda's environment variables (SOURCE_BUCKET, CHECKPOINT_BUCKET, …);`,
    `--bucket and --prefix default to SOURCE_BUCKET and SOURCE_PREFIX. Ctrl-C stops after the current round;`,
    `re-running resumes (processed files are skipped as duplicates).`,
    `--chunk: objects per round, one commit per checkpoint per round (default 1000).`,
    `--dry-run: read and judge every object as the lambda would and say which checkpoints it would touch; write nothing.`,
    `--function-name: the deployed function: its idempotency records (keys "NAME#…") are the ones read and written,`,
    `  so files the deployed lambda processed are skipped here and vice versa (default IDEMPOTENCY_KEY_PREFIX, else`,
    `  AWS_LAMBDA_FUNCTION_NAME, else none: records of this command only).`,
    `--help: this text.`,
    `--via-queue --queue-url URL [--dlq-url URL] [--records-per-message N] [--detach]: replay through the deployed`,
    `  lambdas instead: objects the idempotency table records as done are skipped, the others are sent to the`,
    `  lambda's queue as S3 notifications of N records each (default ${DEFAULT_RECORDS_PER_MESSAGE}: an invocation of the`,
    `  queue's batch size B gets up to B × N files); then the queue is followed until it is empty (not with --detach).`,
    ...(command.since ? [`--since: ${command.since.describe}`] : []),
    ...(command.worker
      ? [
          `--workers: rounds run at once, each in its own worker thread (default ${DEFAULT_BACKFILL_WORKERS}; 1 = no threads).`
        ]
      : [])
  ].join('\n');
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses the command line (node:util parseArgs); a bad option throws an Error naming it. */
export function parseBackfillArgs(
  argv: readonly string[],
  options: { since: boolean; workers?: boolean }
): BackfillArgs {
  const config: NonNullable<ParseArgsConfig['options']> = {
    bucket: { type: 'string' },
    prefix: { type: 'string' },
    chunk: { type: 'string' },
    'via-queue': { type: 'boolean' },
    'queue-url': { type: 'string' },
    'dlq-url': { type: 'string' },
    'function-name': { type: 'string' },
    detach: { type: 'boolean' },
    'records-per-message': { type: 'string' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...(options.since ? { since: { type: 'string' } } : {}),
    ...(options.workers ? { workers: { type: 'string' } } : {})
  };
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: false }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = /'(-[^ ']+)/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new Error(`${flag} needs a value`);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Error(`unknown option ${flag}`);
    throw new Error(`unexpected argument: ${(error as Error).message}`);
  }
  const string = (name: string): string | undefined => values[name] as string | undefined;
  const args: BackfillArgs = {};
  if (string('bucket') !== undefined) args.bucket = string('bucket');
  if (string('prefix') !== undefined) args.prefix = string('prefix');
  const since = string('since');
  if (since !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new Error(`--since must be YYYY-MM-DD, got "${since}"`);
    args.since = since;
  }
  if (string('chunk') !== undefined) {
    args.chunk = Number(string('chunk'));
    if (!Number.isInteger(args.chunk) || args.chunk < 1)
      throw new Error(`--chunk must be a positive integer`);
  }
  if (string('workers') !== undefined) {
    args.workers = Number(string('workers'));
    if (!Number.isInteger(args.workers) || args.workers < 1 || args.workers > 64)
      throw new Error(`--workers must be an integer from 1 to 64`);
  }
  if (values['via-queue']) args.viaQueue = true;
  if (string('queue-url') !== undefined) args.queueUrl = string('queue-url');
  if (string('dlq-url') !== undefined) args.dlqUrl = string('dlq-url');
  if (string('function-name') !== undefined) args.functionName = string('function-name');
  if (values.detach) args.detach = true;
  if (string('records-per-message') !== undefined) {
    args.recordsPerMessage = Number(string('records-per-message'));
    if (
      !Number.isInteger(args.recordsPerMessage) ||
      args.recordsPerMessage < 1 ||
      args.recordsPerMessage > 1000
    )
      throw new Error(`--records-per-message must be an integer from 1 to 1000`);
  }
  if (values.help) args.help = true;
  if (values['dry-run']) args.dryRun = true;
  const queueOnly = ['queueUrl', 'dlqUrl', 'detach', 'recordsPerMessage'].filter(
    (name) => args[name as keyof BackfillArgs] !== undefined
  );
  if (!args.viaQueue && queueOnly.length > 0) throw new Error(`--${kebab(queueOnly[0])} needs --via-queue`);
  if (args.viaQueue && !args.queueUrl) throw new Error('--via-queue needs --queue-url');
  if (args.viaQueue && (args.chunk !== undefined || args.workers !== undefined))
    throw new Error('--chunk and --workers are for the in-process backfill, not --via-queue');
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
  if (args.help) {
    console.log(backfillUsage(command));
    return 0;
  }
  // A terminal run wants the progress bar, not a log line and a metrics document per checkpoint commit.
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  // The runtime (and every worker's, built from this environment) keys idempotency records with it.
  if (args.functionName !== undefined) process.env.IDEMPOTENCY_KEY_PREFIX = args.functionName;
  let runtime: BackfillRuntime;
  const clients = createBackfillClients();
  try {
    runtime = command.createRuntime(clients);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    return 2;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write(
      args.viaQueue
        ? '\nstopping: the pages under way are sent, then the queue is read once; re-run to resume…\n'
        : '\nstopping after the current round…\n'
    );
    controller.abort();
  });
  const { since } = args;
  const select = since && command.since ? (key: string) => command.since!.select(key, since) : undefined;
  if (args.dryRun) {
    const report = await dryRun(runtime, {
      bucket: args.bucket ?? runtime.config.sourceBucket,
      prefix: args.prefix ?? runtime.config.sourcePrefix,
      ...(select ? { select } : {}),
      dynamodb: clients.dynamodb,
      ...(args.chunk ? { chunkSize: args.chunk } : {})
    });
    console.log(formatDryRun(report));
    return 0;
  }
  if (args.viaQueue) return runQueueBackfill(runtime, clients, args, controller.signal, select);
  const progress = createProgressLine();
  const summary = await backfillWith(runtime, command, {
    bucket: args.bucket ?? runtime.config.sourceBucket,
    prefix: args.prefix ?? runtime.config.sourcePrefix,
    ...(select ? { select } : {}),
    dynamodb: clients.dynamodb,
    chunkSize: args.chunk ?? 1000,
    workers: command.worker ? (args.workers ?? DEFAULT_BACKFILL_WORKERS) : 1,
    signal: controller.signal,
    onProgress: (p) => progress.write(formatProgress(p))
  });
  progress.end();
  console.log(formatSummary(summary));
  return summary.failed > 0 ? 1 : summary.interrupted ? 130 : 0;
}

/** `--via-queue`: enqueue through the deployed lambdas' queue, follow it, print the summary. */
async function runQueueBackfill(
  runtime: BackfillRuntime,
  clients: BackfillClients,
  args: BackfillArgs,
  signal: AbortSignal,
  select: ((key: string) => boolean) | undefined
): Promise<number> {
  const table = runtime.config.idempotencyTable;
  if (!table) {
    console.error('--via-queue needs the idempotency table (IDEMPOTENCY_TABLE)');
    return 2;
  }
  const progress = createProgressLine();
  const summary = await backfillViaQueue(clients, {
    bucket: args.bucket ?? runtime.config.sourceBucket,
    prefix: args.prefix ?? runtime.config.sourcePrefix,
    ...(select ? { select } : {}),
    queueUrl: args.queueUrl!,
    ...(args.dlqUrl ? { deadLetterUrl: args.dlqUrl } : {}),
    idempotencyTable: table,
    keyPrefix: idempotencyKeyPrefix(),
    region: await clients.sqs.config.region(),
    wait: !args.detach,
    ...(args.recordsPerMessage ? { recordsPerMessage: args.recordsPerMessage } : {}),
    ...(process.env.BACKFILL_POLL_MS ? { pollMs: Number(process.env.BACKFILL_POLL_MS) } : {}),
    signal,
    onProgress: (p) => progress.write(formatQueueProgress(p)),
    onDepth: (depth, elapsedMs) => progress.write(formatQueueDepth(depth, elapsedMs))
  });
  progress.end();
  console.log(formatQueueSummary(summary));
  return summary.failed > 0 || summary.newDeadLetters > 0 ? 1 : summary.interrupted ? 130 : 0;
}

export interface BackfillRunOptions {
  bucket: string;
  prefix: string;
  select?: (key: string) => boolean;
  /**
   * With the runtime's `idempotencyTable`: objects recorded as done are skipped in bulk (BatchGetItem)
   * before any round, with the runtime's key prefix (idempotencyKeyPrefix(): `--function-name`).
   */
  dynamodb?: DynamoDBClient;
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
  const listing = await selectObjectChanges(runtime.s3, options);
  const { listed } = listing;
  const table = runtime.config.idempotencyTable;
  const { pending: selected, done } =
    options.dynamodb && table
      ? await partitionDone(options.dynamodb, listing.selected, { table, keyPrefix: idempotencyKeyPrefix() })
      : { pending: listing.selected, done: 0 };
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
      onProgress: (processed) =>
        options.onProgress?.({
          done: done + processed,
          total: listing.selected.length,
          elapsedMs: Date.now() - started
        })
    });
    const summary = backfillSummary(listed, listing.selected.length, rounds, started);
    return { ...summary, duplicates: summary.duplicates + done, skippedBeforeRead: done };
  } finally {
    await pool?.close();
  }
}
