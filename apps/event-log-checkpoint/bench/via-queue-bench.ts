import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { QueueBackfillSummary } from '@reporting/backfill';
import { LocalPipeline, generateSampleFiles } from '@reporting/test-kit';
import { concurrencyLimit } from '@reporting/utils';
import { EVENTS_BUCKET, eventLogPipelineOptions } from '../lib/testing/event-log-pipeline';
import { runCommandInThread } from './via-queue-command-thread';

/**
 * `backfill --via-queue` on the local stack: the stand-ins and the lambdas in this thread (the local
 * queue lives in-process, so the stack cannot run in a child), the command in a worker thread:
 * 1. list + filter (BatchGetItem on the idempotency table) + enqueue (SendMessageBatch) of N files to
 *    a queue whose consumer is held, so that only the command runs — once per configuration of the
 *    command, in the order given, over the same N files (each run to a fresh held queue);
 * 2. end to end through the local fleet: M other files enqueued to the lambda's own queue (event source
 *    mapping, `concurrency` invocations at once), time until the queue is empty (rows: the e2e test).
 * Usage: node lib-bench/via-queue-bench.js [enqueueFiles=100000] [fleetFiles=20000] [concurrency=5] [batchSize=10]
 *   [configs=1+md5,10,10,1+md5] [fleetConfigs=10]
 * A configuration is the records per message, `+md5` for the SQS client's MD5 check of every body
 * (off otherwise): `1+md5` is the command before issue 18's packing; configurations repeat to interleave.
 * Each fleet configuration replays its own `fleetFiles` files, one after another.
 */
async function main(): Promise<void> {
  const enqueueFiles = Number(process.argv[2] ?? 100_000);
  const fleetFiles = Number(process.argv[3] ?? 20_000);
  const concurrency = Number(process.argv[4] ?? 5);
  const batchSize = Number(process.argv[5] ?? 10);
  const configs = (process.argv[6] ?? '1+md5,10,10,1+md5').split(',').map(parseConfig);
  const fleetConfigs = (process.argv[7] ?? '10').split(',').map(parseConfig);
  const pipeline = await LocalPipeline.start(
    eventLogPipelineOptions({
      queue: { concurrency, batchSize, functionTimeoutMs: 60_000, visibilityTimeoutMs: 70_000 },
      sendTestEvent: false
    })
  );
  pipeline.stack.s3.putBucketNotificationConfiguration(
    EVENTS_BUCKET,
    { queueConfigurations: [] },
    { sendTestEvent: false }
  );
  const env = { ...pipeline.exports(), LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
  try {
    let t = performance.now();
    await upload(pipeline, 'hold/', enqueueFiles, 81);
    for (const i of fleetConfigs.keys()) await upload(pipeline, `fleet-${i}/`, fleetFiles, 82 + i);
    console.log(
      `setup: ${enqueueFiles + fleetFiles * fleetConfigs.length} files uploaded in ${((performance.now() - t) / 1000).toFixed(1)} s`
    );

    const options = (prefix: string, queueUrl: string, config: CommandConfig) => ({
      bucket: EVENTS_BUCKET,
      prefix,
      queueUrl,
      idempotencyTable: 'idempotency',
      keyPrefix: '',
      region: 'us-east-1',
      pollMs: 200,
      recordsPerMessage: config.recordsPerMessage
    });
    const measure = async (
      label: string,
      run: () => Promise<QueueBackfillSummary & { threadCpuMs: number }>
    ): Promise<QueueBackfillSummary> => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const summary = await run();
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu));
      const perFile = (ms: number): string => `${(ms / summary.listed).toFixed(3)} ms/file`;
      console.log(
        `${label}: listed ${summary.listed}, already done ${summary.alreadyDone}, enqueued ${summary.enqueued} ` +
          `in ${(summary.enqueueMs / 1000).toFixed(1)} s = ${Math.round((summary.listed * 1000) / summary.enqueueMs)} files/s ` +
          `(whole command ${seconds.toFixed(1)} s; command thread busy ${perFile(summary.threadCpuMs)}, ` +
          `whole process CPU ${perFile(cpuSeconds * 1000)})`
      );
      return summary;
    };

    for (const [i, config] of configs.entries()) {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holding = pipeline.stack.createQueue({ name: `held-${i}`, concurrency: 1, handler: () => held });
      const run = await measure(`list + filter + enqueue, nothing done yet, ${describe(config)}`, () =>
        runCommandInThread(
          env,
          { ...options('hold/', pipeline.stack.queueUrl(holding), config), wait: false },
          { sqsMd5: config.md5 }
        )
      );
      if (run.enqueued !== enqueueFiles) throw new Error(`enqueued ${run.enqueued} of ${enqueueFiles}`);
      release();
      await holding.stop();
    }
    if (fleetFiles === 0) return;

    const queueUrl = pipeline.stack.queueUrl(pipeline.queue);
    const deadLetterUrl = pipeline.stack.deadLetterQueueUrl(pipeline.queue);
    for (const [i, fleetConfig] of fleetConfigs.entries()) {
      const prefix = `fleet-${i}/`;
      const fleet = await measure(
        `end to end through the local fleet (concurrency ${concurrency}, batch ${batchSize}, ${describe(fleetConfig)})`,
        () =>
          runCommandInThread(
            env,
            { ...options(prefix, queueUrl, fleetConfig), deadLetterUrl },
            { sqsMd5: fleetConfig.md5 }
          )
      );
      console.log(
        `  queue empty ${(fleet.elapsedMs / 1000).toFixed(1)} s after the start = ` +
          `${Math.round((fleetFiles * 1000) / fleet.elapsedMs)} files/s end to end; dead letters ${fleet.newDeadLetters}`
      );
      await measure('re-run over these fleet files, every one done', () =>
        runCommandInThread(env, { ...options(prefix, queueUrl, fleetConfig), deadLetterUrl })
      );
    }
    console.log(`  checkpoints written: ${(await pipeline.checkpointKeys()).length}`);
  } finally {
    await pipeline.stop();
  }
}

interface CommandConfig {
  recordsPerMessage: number;
  md5: boolean;
}

function parseConfig(text: string): CommandConfig {
  const match = /^(\d+)(\+md5)?$/.exec(text.trim());
  if (!match) throw new Error(`configuration "${text}": records per message, optionally +md5`);
  return { recordsPerMessage: Number(match[1]), md5: match[2] !== undefined };
}

function describe(config: CommandConfig): string {
  const records = `${config.recordsPerMessage} record${config.recordsPerMessage === 1 ? '' : 's'}/message`;
  return `${records}, MD5 ${config.md5 ? 'on' : 'off'}`;
}

async function upload(pipeline: LocalPipeline, prefix: string, count: number, seed: number): Promise<void> {
  const limit = concurrencyLimit(32);
  const files = generateSampleFiles({ prefix, valid: count, seed });
  await Promise.all(
    files.map((file) =>
      limit(() =>
        pipeline.client.send(new PutObjectCommand({ Bucket: EVENTS_BUCKET, Key: file.key, Body: file.body }))
      )
    )
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
