import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalQueueOptions } from '@reporting/local-aws';
import { endCommand, parseCommandLine } from '@reporting/utils';
import { LocalPipeline, type LambdaFactory } from '../pipeline/local-pipeline';
import type { SampleFile } from '../samples/sample-files';
import { filesByFormat, formatOutcomeLines } from './files-by-format';
import { summarizeQuarantine } from './quarantine-summary';

/** What differs between two lambdas' local runs: the lambda, its sample files and its report. */
export interface LocalRunSpec {
  /** The function's name (and the command's, in its usage line). */
  name: string;
  lambda: LambdaFactory;
  buckets: { source: string; checkpoint: string };
  prefix: string;
  /**
   * Only keys ending so notify the lambda (default `.json`); `''` for every key, as a lambda reading
   * its files by extension (JSON, NDJSON, CSV) needs.
   */
  suffix?: string;
  /** Extra lambda environment variables (e.g. its CHECKPOINT_KEY_TEMPLATE). */
  environment?: Record<string, string>;
  /** What the uploaded files are, in the output ("event-log files"). */
  describeFiles: string;
  /** The sample: `valid` valid files plus the invalid (and filtered) ones the lambda must refuse. */
  sampleFiles(valid: number): SampleFile<unknown>[];
  /** What an analyst looks at first, per checkpoint, read back from the parquet. */
  report(pipeline: LocalPipeline): Promise<string>;
  /** A key of the source bucket a producer could upload to (for the printed `aws s3 cp` line). */
  exampleKey: string;
}

export interface LocalRunOptions {
  valid: number;
  serve: boolean;
  directory?: string;
  /** Copy every checkpoint into this folder (`<folder>/<key>`), for DuckDB, Polars or a test. */
  save?: string;
  log?: (line: string) => void;
}

/**
 * The production wiring on this machine: bucket → notification → queue (batches, partial batch
 * responses, redelivery, DLQ) → the lambda handler → checkpoints, on the local S3 and DynamoDB.
 * S3 notifications are at-least-once: the local run delivers every one twice.
 */
export function startLocalRunPipeline(
  spec: LocalRunSpec,
  options: { directory?: string; queue?: Partial<LocalQueueOptions> } = {}
): Promise<LocalPipeline> {
  return LocalPipeline.start({
    name: spec.name,
    lambda: spec.lambda,
    buckets: spec.buckets,
    prefix: spec.prefix,
    ...(spec.suffix !== undefined ? { suffix: spec.suffix } : {}),
    ...(spec.environment ? { environment: spec.environment } : {}),
    ...(options.directory ? { directory: options.directory } : {}),
    sendTestEvent: false,
    queue: { batchSize: 100, batchWindowMs: 100, concurrency: 2, deliveriesPerMessage: 2, ...options.queue }
  });
}

/** Uploads the sample, waits, prints the checkpoints and the quarantine; with `serve`, keeps serving. */
export async function localRun(spec: LocalRunSpec, options: LocalRunOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const pipeline = await startLocalRunPipeline(
    spec,
    options.directory ? { directory: options.directory } : {}
  );
  try {
    const files = spec.sampleFiles(options.valid);
    log(
      `uploading ${files.length} ${spec.describeFiles} (out of time order; every notification delivered twice)…`
    );
    await pipeline.uploadAll(files, 16);
    const { queue } = pipeline;
    await queue.drained(120_000);
    log(
      `processed in ${((Date.now() - started) / 1000).toFixed(1)} s (${queue.invocations.length} lambda invocations, ` +
        `${queue.deadLetters.length} dead letters)\n`
    );
    log(await spec.report(pipeline));
    const quarantine = await summarizeQuarantine(pipeline);
    const expected = files.filter((f) => f.expect === 'invalid').length;
    const { checkpoint } = pipeline.buckets;
    log(
      `\nquarantined ${quarantine.files} invalid files (expected ${expected}) in s3://${checkpoint}/${pipeline.errorsPrefix}:`
    );
    for (const [reason, n] of Object.entries(quarantine.byReason)) log(`  ${n} × ${reason}`);
    formatOutcomeLines(await filesByFormat(pipeline, files)).forEach((line) => log(line));
    const filtered = files.filter((f) => f.expect === 'sandbox').length;
    if (filtered > 0) log(`sandbox files filtered: ${filtered}`);
    if (options.save !== undefined) log(await saveCheckpoints(pipeline, options.save));
    if (options.serve) {
      log(servingText(spec, pipeline));
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await pipeline.stop();
  }
}

async function saveCheckpoints(pipeline: LocalPipeline, folder: string): Promise<string> {
  const keys = await pipeline.checkpointKeys();
  for (const key of keys) {
    const file = path.join(folder, ...key.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await pipeline.checkpointBytes(key));
  }
  return `saved ${keys.length} checkpoints to ${folder}`;
}

/** The stack's endpoints and the lambda's own variables, and how to reach it. */
export function servingText(spec: LocalRunSpec, pipeline: LocalPipeline): string {
  const env = pipeline.exports();
  const { source, checkpoint } = pipeline.buckets;
  const template = env.CHECKPOINT_KEY_TEMPLATE ?? 'checkpoints/…';
  return (
    `\nServing. Point the AWS CLI, any SDK or the backfill command at the local stack:\n` +
    Object.entries(env)
      .map(([k, v]) => `  export ${k}=${v}`)
      .join('\n') +
    `\nUpload more files (processed within a second):\n` +
    `  aws s3 cp my-record.json s3://${source}/${spec.exampleKey}\n` +
    `Checkpoints: s3://${checkpoint}/${template}; quarantine: s3://${checkpoint}/${pipeline.errorsPrefix}\n` +
    `Replay the prefix through the lambda's queue (files already done are skipped):\n` +
    `  node bin/backfill.js --via-queue --queue-url ${pipeline.stack.queueUrl(pipeline.queue)} ` +
    `--dlq-url ${pipeline.stack.deadLetterQueueUrl(pipeline.queue)}\nCtrl-C stops.`
  );
}

export function localRunUsage(spec: LocalRunSpec): string {
  return `usage: ${spec.name}-local [--files N] [--serve] [--dir FOLDER] [--save FOLDER]
Runs the ${spec.name} lambda on a local S3 + DynamoDB + queue with N generated valid files (default 1000)
plus invalid ones, and prints what the checkpoints and the quarantine hold.
--serve keeps the stack running and prints the variables to reach it; --dir keeps its data in FOLDER;
--save copies every checkpoint to FOLDER/<key>.`;
}

/** `bin/local-run.js`: the command line of a local run. */
export async function localRunMain(spec: LocalRunSpec, argv: readonly string[]): Promise<number> {
  const usage = localRunUsage(spec);
  const parsed = parseCommandLine(
    argv,
    {
      files: { type: 'string', default: '1000' },
      serve: { type: 'boolean' },
      dir: { type: 'string' },
      save: { type: 'string' }
    },
    usage
  );
  if (parsed.kind === 'exit') return endCommand(parsed);
  const { files, serve, dir, save } = parsed.values;
  const valid = Number(files);
  if (!Number.isInteger(valid) || valid < 1) {
    return endCommand({ code: 2, output: `--files must be a positive integer\n${usage}` });
  }
  await localRun(spec, {
    valid,
    serve: serve === true,
    ...(typeof dir === 'string' ? { directory: dir } : {}),
    ...(typeof save === 'string' ? { save } : {})
  });
  return 0;
}
