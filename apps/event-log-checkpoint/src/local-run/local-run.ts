import type { LocalQueueOptions } from '@reporting/local-aws';
import { endCommand, parseCommandLine } from '@reporting/utils';
import { LocalPipeline, generateSampleFiles } from '@reporting/test-kit';
import { eventLogPipelineOptions } from '../testing/event-log-pipeline';
import { formatReports, reportCheckpoints, summarizeQuarantine } from './checkpoint-report';

export const LOCAL_EVENTS_BUCKET = 'event-logs';
export const LOCAL_ANALYTICS_BUCKET = 'analytics';
export const LOCAL_PREFIX = 'prod/';

export interface LocalRunOptions {
  valid: number;
  serve: boolean;
  directory?: string;
  log?: (line: string) => void;
}

/**
 * The production wiring on this machine: bucket → notification → queue (batches, partial batch
 * responses, redelivery, DLQ) → the lambda handler → checkpoints, on the local S3 and DynamoDB.
 * S3 notifications are at-least-once: the local run delivers every one twice.
 */
export function startLocalPipeline(
  options: { directory?: string; queue?: Partial<LocalQueueOptions> } = {}
): Promise<LocalPipeline> {
  const { directory } = options;
  return LocalPipeline.start(
    eventLogPipelineOptions({
      buckets: { source: LOCAL_EVENTS_BUCKET, checkpoint: LOCAL_ANALYTICS_BUCKET },
      ...(directory ? { directory } : {}),
      sendTestEvent: false,
      queue: {
        batchSize: 100,
        batchWindowMs: 100,
        concurrency: 2,
        deliveriesPerMessage: 2,
        ...options.queue
      }
    })
  );
}

export async function localRun(options: LocalRunOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const pipeline = await startLocalPipeline(options.directory ? { directory: options.directory } : {});
  try {
    const files = generateSampleFiles({
      prefix: LOCAL_PREFIX,
      valid: options.valid,
      sandbox: Math.ceil(options.valid / 50),
      invalid: Math.ceil(options.valid / 100),
      seed: 2024
    });
    log(`uploading ${files.length} event-log files (out of time order; every notification delivered twice)…`);
    await pipeline.uploadAll(files, 16);
    const { queue } = pipeline;
    await queue.drained(120_000);
    log(
      `processed in ${((Date.now() - started) / 1000).toFixed(1)} s (${queue.invocations.length} lambda invocations, ` +
        `${queue.deadLetters.length} dead letters)\n`
    );
    log(formatReports(await reportCheckpoints(pipeline)));
    const quarantine = await summarizeQuarantine(pipeline);
    const expected = files.filter((f) => f.expect === 'invalid').length;
    log(
      `\nquarantined ${quarantine.files} invalid files (expected ${expected}) in s3://${LOCAL_ANALYTICS_BUCKET}/errors/:`
    );
    for (const [reason, n] of Object.entries(quarantine.byReason)) log(`  ${n} × ${reason}`);
    log(`sandbox files filtered: ${files.filter((f) => f.expect === 'sandbox').length}`);
    if (options.serve) {
      const env = pipeline.exports(); // the stack's endpoints and the lambda's own variables
      log(
        `\nServing. Point the AWS CLI, any SDK or the backfill command at the local stack:\n` +
          Object.entries(env)
            .map(([k, v]) => `  export ${k}=${v}`)
            .join('\n') +
          `\nUpload more files (processed within a second):\n` +
          `  aws s3 cp my-event.json s3://${LOCAL_EVENTS_BUCKET}/${LOCAL_PREFIX}log-submit-20240115-102000-42-ingest-form-110001-01.json\n` +
          `Checkpoints: s3://${LOCAL_ANALYTICS_BUCKET}/checkpoints/{study}/{datatype}/events.parquet; ` +
          `quarantine: s3://${LOCAL_ANALYTICS_BUCKET}/errors/\n` +
          `Replay the prefix through the lambda's queue (files already done are skipped):\n` +
          `  node bin/backfill.js --via-queue --queue-url ${pipeline.stack.queueUrl(queue)} ` +
          `--dlq-url ${pipeline.stack.deadLetterQueueUrl(queue)}\nCtrl-C stops.`
      );
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await pipeline.stop();
  }
}

export const LOCAL_RUN_USAGE = `usage: event-log-local [--files N] [--serve] [--dir FOLDER]
Runs the event-log lambda on a local S3 + DynamoDB + queue with N generated valid files (default 1000)
plus sandbox and invalid ones, and prints what the checkpoints and the quarantine hold.
--serve keeps the stack running and prints the variables to reach it; --dir keeps its data in FOLDER.`;

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { files: { type: 'string', default: '1000' }, serve: { type: 'boolean' }, dir: { type: 'string' } },
    LOCAL_RUN_USAGE
  );
  if (parsed.kind === 'exit') return endCommand(parsed);
  const { files, serve, dir } = parsed.values;
  const valid = Number(files);
  if (!Number.isInteger(valid) || valid < 1) {
    return endCommand({ code: 2, output: `--files must be a positive integer\n${LOCAL_RUN_USAGE}` });
  }
  await localRun({ valid, serve: serve === true, ...(typeof dir === 'string' ? { directory: dir } : {}) });
  return 0;
}
