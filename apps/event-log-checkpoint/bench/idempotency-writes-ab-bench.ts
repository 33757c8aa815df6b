import { loadavg } from 'node:os';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createBackfillClients, listObjectChanges, roundRunner, type RoundRunner } from '@reporting/backfill';
import { generateSampleFiles } from '@reporting/test-kit';
import { concurrencyLimit } from '@reporting/utils';
import { EVENT_LOG_BACKFILL } from '../lib/backfill-cli';
import { LOCAL_ANALYTICS_BUCKET, LOCAL_EVENTS_BUCKET, LOCAL_PREFIX } from '../lib/local-run/local-run';
import { BACKFILL_STACK_ARGS, startLocalAwsProcess } from './local-aws-process';

/**
 * CPU per new file of the in-process backfill's rounds, with and without batched idempotency writes
 * (decisions 0081, 0082), interleaved in one thread of one process: after a warm-up round, rounds of new
 * files go alternately (ABBA) through a runtime whose claims are TransactWriteItems and completions
 * BatchWriteItem calls, and one that writes Powertools' PutItem and UpdateItem per file. The round runs
 * in this thread (as with `--workers 1`), so this process's CPU during a round is the round's; the
 * stand-ins run in a child process. Usage: node lib-bench/idempotency-writes-ab-bench.js [roundSize=2000] [pairs=4]
 */
async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 2000);
  const pairs = Number(process.argv[3] ?? 4);
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
    const files = generateSampleFiles({ prefix: LOCAL_PREFIX, valid: size * (2 * pairs + 1), seed: 11 });
    await Promise.all(
      files.map((f) =>
        limit(() =>
          setup.s3.send(new PutObjectCommand({ Bucket: LOCAL_EVENTS_BUCKET, Key: f.key, Body: f.body }))
        )
      )
    );
    const changes = await listObjectChanges(setup.s3, LOCAL_EVENTS_BUCKET, LOCAL_PREFIX);
    const runner = (batched: boolean): RoundRunner => {
      const clients = createBackfillClients();
      clients.batchIdempotencyWrites = batched;
      return roundRunner(EVENT_LOG_BACKFILL.createRuntime(clients), 'idempotency-writes-ab');
    };
    const runners: Record<string, RoundRunner> = {
      'batched writes': runner(true),
      'PutItem + UpdateItem per file': runner(false)
    };
    const labels = Object.keys(runners);
    const order = ['batched writes'];
    for (let i = 0; i < pairs; i++) order.push(...(i % 2 === 0 ? [...labels].reverse() : labels));
    const results: Record<string, number[]> = {};
    for (const [i, label] of order.entries()) {
      const round = changes.slice(i * size, (i + 1) * size);
      const [cpu, started] = [process.cpuUsage(), performance.now()];
      const tally = await runners[label](round);
      const { user, system } = process.cpuUsage(cpu);
      const ms = (user + system) / 1000 / round.length;
      if (tally.appended !== round.length) throw new Error(`round incomplete: ${JSON.stringify(tally)}`);
      console.log(
        `${i === 0 ? 'warm-up, ' : ''}${label}: ${round.length} files, ${ms.toFixed(2)} ms CPU/file, ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s, load ${loadavg()[0].toFixed(1)}`
      );
      if (i > 0) (results[label] ??= []).push(ms);
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
