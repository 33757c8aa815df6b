import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DuckDbReader } from '@reporting/checkpoint-store/lib/testing/duckdb-reader';
import { backfillWith, createBackfillClients } from '@reporting/object-processing';
import { concurrencyLimit } from '@reporting/utils';
import { EVENT_LOG_BACKFILL } from '../backfill-cli';
import { generateSampleFiles } from '../samples/sample-files';
import { createS3Client } from '@reporting/aws-helpers';
import { LOCAL_ANALYTICS_BUCKET, LOCAL_EVENTS_BUCKET, LOCAL_PREFIX } from '../local-run/local-run';
import { startLocalAwsProcess } from './local-aws-process';

/**
 * Backfill throughput: N event files in the local S3 replayed through the lambda's processing code
 * (idempotency on DynamoDB, reads, validation, one commit per checkpoint per round) by the backfill
 * command's own code path (worker threads, each with its own runtime, as `--workers W`), side by side
 * with DuckDB's read_json of the same files from local disk into one sorted parquet file.
 * Usage: node lib/bench/backfill-bench.js [files=100000] [chunk=2000] [workers=2]
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const chunkSize = Number(process.argv[3] ?? 2000);
  const workers = Number(process.argv[4] ?? 2);
  // Historical files: no notifications, only the backfill reads them.
  const stack = await startLocalAwsProcess([
    '--bucket',
    LOCAL_EVENTS_BUCKET,
    '--bucket',
    LOCAL_ANALYTICS_BUCKET,
    '--idempotency-table',
    'idempotency'
  ]);
  // The worker threads build their runtime from the environment, as the backfill command's do.
  Object.assign(process.env, stack.env, {
    SOURCE_BUCKET: LOCAL_EVENTS_BUCKET,
    SOURCE_PREFIX: LOCAL_PREFIX,
    CHECKPOINT_BUCKET: LOCAL_ANALYTICS_BUCKET,
    IDEMPOTENCY_TABLE: 'idempotency',
    LOG_LEVEL: 'SILENT',
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

    const runtime = EVENT_LOG_BACKFILL.createRuntime(createBackfillClients());
    t = performance.now();
    const [ownCpu, stackCpu] = [process.cpuUsage(), stack.cpuSeconds()];
    const summary = await backfillWith(runtime, EVENT_LOG_BACKFILL, {
      bucket: LOCAL_EVENTS_BUCKET,
      prefix: LOCAL_PREFIX,
      chunkSize,
      workers,
      onWorkerError: (message) => console.error(message)
    });
    const ours = (performance.now() - t) / 1000;
    const ownCpuSeconds = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(ownCpu));
    const stackCpuSeconds = (stack.cpuSeconds() ?? NaN) - (stackCpu ?? NaN);
    if (summary.processed !== count || summary.failed !== 0)
      throw new Error(`backfill incomplete: ${JSON.stringify(summary)}`);

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
      `backfill (local S3 → checkpoints, chunk ${chunkSize}, ${workers} worker${workers === 1 ? '' : 's'}): ` +
        `${count} files in ${ours.toFixed(1)} s = ${rate(ours)} files/s`
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
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
