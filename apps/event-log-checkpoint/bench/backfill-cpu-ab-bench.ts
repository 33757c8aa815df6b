import { loadavg } from 'node:os';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createBackfillClients, listObjectChanges, roundRunner, type RoundRunner } from '@reporting/backfill';
import { readObjectBounded } from '@reporting/lambda-runtime';
import { generateSampleFiles } from '@reporting/test-kit';
import { concurrencyLimit } from '@reporting/utils';
import { EVENT_LOG_BACKFILL } from '../lib/backfill-cli';
import { LOCAL_ANALYTICS_BUCKET, LOCAL_EVENTS_BUCKET, LOCAL_PREFIX } from '../lib/local-run/local-run';
import { BACKFILL_STACK_ARGS, startLocalAwsProcess } from './local-aws-process';

/**
 * CPU per new file of the in-process backfill's rounds in three configurations, interleaved in one thread
 * of one process: the SDK's three requests per file (Powertools' PutItem claim and UpdateItem completion,
 * GetObject), batched idempotency writes (claims in TransactWriteItems, completions in BatchWriteItem;
 * decisions 0081, 0082) with the SDK's GetObject, and batched writes with the direct reader (the backfill
 * now; decision 0082). One warm-up round each, then cycles of one round each in rotating order. The round
 * runs in this thread (as with `--workers 1`), so this process's CPU during a round is the round's; the
 * stand-ins run in a child process. Usage: node lib-bench/backfill-cpu-ab-bench.js [roundSize=2000] [cycles=3]
 */
async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 2000);
  const cycles = Number(process.argv[3] ?? 3);
  const stack = await startLocalAwsProcess(BACKFILL_STACK_ARGS);
  try {
    Object.assign(process.env, stack.env, {
      SOURCE_BUCKET: LOCAL_EVENTS_BUCKET,
      SOURCE_PREFIX: LOCAL_PREFIX,
      CHECKPOINT_BUCKET: LOCAL_ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE: 'idempotency',
      LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true'
    });
    const setup = createBackfillClients();
    const limit = concurrencyLimit(32);
    const files = generateSampleFiles({ prefix: LOCAL_PREFIX, valid: size * 3 * (cycles + 1), seed: 11 });
    await Promise.all(
      files.map((f) =>
        limit(() =>
          setup.s3.send(new PutObjectCommand({ Bucket: LOCAL_EVENTS_BUCKET, Key: f.key, Body: f.body }))
        )
      )
    );
    const changes = await listObjectChanges(setup.s3, LOCAL_EVENTS_BUCKET, LOCAL_PREFIX);
    const runner = (batched: boolean, direct: boolean): RoundRunner => {
      const clients = createBackfillClients();
      clients.batchIdempotencyWrites = batched;
      if (!direct) clients.readObject = (object, maxBytes) => readObjectBounded(clients.s3, object, maxBytes);
      return roundRunner(EVENT_LOG_BACKFILL.createRuntime(clients), 'backfill-cpu-ab');
    };
    const runners: Record<string, RoundRunner> = {
      'SDK per file': runner(false, false),
      'batched writes, SDK GetObject': runner(true, false),
      'batched writes, direct GET': runner(true, true)
    };
    const labels = Object.keys(runners);
    const order = [...labels];
    for (let i = 0; i < cycles; i++) order.push(...labels.map((_, j) => labels[(i + j) % labels.length]));
    const results: Record<string, number[]> = {};
    for (const [i, label] of order.entries()) {
      const round = changes.slice(i * size, (i + 1) * size);
      const [cpu, started] = [process.cpuUsage(), performance.now()];
      const tally = await runners[label](round);
      const { user, system } = process.cpuUsage(cpu);
      const ms = (user + system) / 1000 / round.length;
      if (tally.appended !== round.length) throw new Error(`round incomplete: ${JSON.stringify(tally)}`);
      console.log(
        `${i < labels.length ? 'warm-up, ' : ''}${label}: ${round.length} files, ${ms.toFixed(2)} ms CPU/file, ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s, load ${loadavg()[0].toFixed(1)}`
      );
      if (i >= labels.length) (results[label] ??= []).push(ms);
    }
    for (const [label, values] of Object.entries(results)) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        `${label}: ${values.map((v) => v.toFixed(2)).join(', ')} ms CPU/file ` +
          `(median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)})`
      );
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
