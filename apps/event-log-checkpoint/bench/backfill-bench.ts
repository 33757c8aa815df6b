import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DuckDbReader } from '@reporting/test-kit';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  backfill,
  backfillWith,
  createBackfillClients,
  BACKFILL_LEASE_MS,
  type BackfillSummary
} from '@reporting/backfill';
import { createLambdaRuntime, createS3Client } from '@reporting/lambda-runtime';
import { concurrencyLimit, createLambdaContext } from '@reporting/utils';
import { EVENT_LOG_BACKFILL } from '../lib/backfill-cli';
import { eventLogLambda } from '../lib/event-log-lambda';
import { generateSampleFiles } from '@reporting/test-kit';
import { LOCAL_ANALYTICS_BUCKET, LOCAL_EVENTS_BUCKET, LOCAL_PREFIX } from '../lib/local-run/local-run';
import { BACKFILL_STACK_ARGS, startLocalAwsProcess } from './local-aws-process';

/**
 * Backfill throughput: N event files in the local S3 replayed through the lambda's processing code
 * (idempotency on DynamoDB, reads, validation, one commit per checkpoint per round) by the backfill
 * command's own code path (worker threads, each with its own runtime, as `--workers W`), side by side
 * with DuckDB's read_json of the same files from local disk into one sorted parquet file.
 * Usage: node lib-bench/backfill-bench.js [files=100000] [chunk=2000] [workers=2]
 * `workers` 0 measures the configuration before worker threads, for comparison under the same load: one
 * thread, the SDK's default clients (middleware resolved per request), X-Ray's async hooks loaded.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const chunkSize = Number(process.argv[3] ?? 2000);
  const workers = Number(process.argv[4] ?? 2);
  // Historical files: no notifications, only the backfill reads them.
  const stack = await startLocalAwsProcess(BACKFILL_STACK_ARGS);
  // The worker threads build their runtime from the environment, as the backfill command's do.
  Object.assign(process.env, stack.env, {
    SOURCE_BUCKET: LOCAL_EVENTS_BUCKET,
    SOURCE_PREFIX: LOCAL_PREFIX,
    CHECKPOINT_BUCKET: LOCAL_ANALYTICS_BUCKET,
    IDEMPOTENCY_TABLE: 'idempotency',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true'
  });
  const folder = mkdtempSync(join(tmpdir(), 'backfill-bench-'));
  try {
    const files = generateSampleFiles({ prefix: LOCAL_PREFIX, valid: count, seed: 77 });
    const s3 = createS3Client();
    const limit = concurrencyLimit(32);
    mkdirSync(join(folder, 'events'));
    let t = performance.now();
    await Promise.all(
      files.map((f, i) =>
        limit(async () => {
          writeFileSync(join(folder, 'events', `${i}.json`), f.body);
          await s3.send(new PutObjectCommand({ Bucket: LOCAL_EVENTS_BUCKET, Key: f.key, Body: f.body }));
        })
      )
    );
    console.log(
      `setup: ${count} files uploaded to the local S3 and written to disk in ${((performance.now() - t) / 1000).toFixed(1)} s`
    );

    t = performance.now();
    const [ownCpu, stackCpu] = [process.cpuUsage(), stack.cpuSeconds()];
    const options = { bucket: LOCAL_EVENTS_BUCKET, prefix: LOCAL_PREFIX, chunkSize };
    // As an operator would: objects that failed transiently (the summary names them) are retried by
    // re-running the command; the re-runs count in the time.
    const passes: BackfillSummary[] = [];
    do {
      passes.push(
        workers === 0
          ? await backfillBefore(options)
          : await backfillWith(
              EVENT_LOG_BACKFILL.createRuntime(createBackfillClients()),
              EVENT_LOG_BACKFILL,
              {
                ...options,
                workers,
                dynamodb: createBackfillClients().dynamodb,
                onWorkerError: (message) => console.error(message)
              }
            )
      );
    } while (passes.at(-1)!.failed > 0 && passes.length < 3);
    const ours = (performance.now() - t) / 1000;
    const ownCpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(ownCpu));
    const stackCpuSeconds = (stack.cpuSeconds() ?? NaN) - (stackCpu ?? NaN);
    const processed = passes.reduce((sum, pass) => sum + pass.processed, 0);
    if (processed !== count || passes.at(-1)!.failed !== 0)
      throw new Error(`backfill incomplete: ${JSON.stringify(passes)}`);
    for (const [i, pass] of passes.entries())
      if (pass.failed > 0)
        console.log(
          `pass ${i + 1}: ${pass.failed} failed, retried by pass ${i + 2}: ${pass.failures.join('; ')}`
        );

    const duckdb = await DuckDbReader.open();
    t = performance.now();
    await duckdb.query(
      `COPY (SELECT * FROM read_json('${join(folder, 'events')}/*.json', format = 'auto') ORDER BY "timestamp") ` +
        `TO '${join(folder, 'duckdb.parquet')}' (FORMAT parquet)`
    );
    const theirs = (performance.now() - t) / 1000;
    duckdb.close();

    const rate = (seconds: number) => Math.round(count / seconds);
    console.log(
      `backfill (local S3 → checkpoints, chunk ${chunkSize}, ` +
        `${workers === 0 ? 'before worker threads' : `${workers} worker${workers === 1 ? '' : 's'}`}): ` +
        `${count} files in ${ours.toFixed(1)} s = ${rate(ours)} files/s` +
        (passes.length > 1 ? ` (${passes.length} passes)` : '')
    );
    console.log(
      `DuckDB read_json (local disk → sorted parquet): ${count} files in ${theirs.toFixed(1)} s = ${rate(theirs)} files/s`
    );
    console.log(`ratio: ${(rate(ours) / rate(theirs)).toFixed(3)} × DuckDB`);
    const perFile = (seconds: number) => `${((seconds * 1000) / count).toFixed(2)} ms`;
    console.log(
      `CPU during the backfill: this process (main + workers) ${ownCpuSeconds.toFixed(1)} s = ${perFile(ownCpuSeconds)}/file, ` +
        `local S3 + DynamoDB stand-ins ${stackCpuSeconds.toFixed(1)} s = ${perFile(stackCpuSeconds)}/file`
    );

    // The same files again, every one done: as before this change (each object through Powertools'
    // conditional write in the rounds) and with the bulk skip (BatchGetItem before any round).
    for (const [label, skip] of [
      ['re-run, every file done, no bulk skip (before)', false],
      ['re-run, every file done, bulk skip (after)', true]
    ] as const) {
      const [cpu, stackBefore, started] = [process.cpuUsage(), stack.cpuSeconds(), performance.now()];
      const clients = createBackfillClients();
      const rerun = await backfillWith(EVENT_LOG_BACKFILL.createRuntime(clients), EVENT_LOG_BACKFILL, {
        ...options,
        workers: Math.max(1, workers),
        ...(skip ? { dynamodb: clients.dynamodb } : {}),
        onWorkerError: (message) => console.error(message)
      });
      const seconds = (performance.now() - started) / 1000;
      const own = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu));
      const stands = (stack.cpuSeconds() ?? NaN) - (stackBefore ?? NaN);
      if (rerun.processed !== 0 || rerun.duplicates !== count)
        throw new Error(`re-run: ${JSON.stringify(rerun)}`);
      console.log(
        `${label}: ${count} files in ${seconds.toFixed(1)} s = ${rate(seconds)} files/s; CPU this process ` +
          `${perFile(own)}/file, stand-ins ${perFile(stands)}/file`
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await stack.stop();
  }
}

/** The backfill as it was before worker threads and bulk clients (see the usage note). */
function backfillBefore(options: {
  bucket: string;
  prefix: string;
  chunkSize: number;
}): Promise<BackfillSummary> {
  const runtime = createLambdaRuntime(eventLogLambda, process.env, {
    s3: createS3Client(),
    dynamodb: new DynamoDBClient({})
  });
  return backfill(runtime.processor, runtime.s3, {
    ...options,
    beforeRound: () => runtime.idempotency.registerContext(createLambdaContext('backfill', BACKFILL_LEASE_MS))
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
