import type { SQSBatchResponse } from 'aws-lambda';
import { createRandom } from '@reporting/utils';
import { validFiles } from '@reporting/test-kit';
import { EVENT_PREFIX, ReliabilityPipeline } from '../pipeline/reliability-pipeline';
import { collectOutcome, durationPercentiles, redeliveries, type ScenarioResult } from './scenario-result';

export interface ConcurrencyOptions {
  /** Queue path: concurrent invocations the event source mapping runs (all on one checkpoint). */
  queueConcurrency: number;
  /** Queue path: records per invocation. */
  batchSize: number;
  /** Queue path: files (all routed to the same checkpoint). */
  queueFiles: number;
  /** Direct path: invocations started at the same instant, each with `batchSize` records. */
  directInvocations: number;
  seed: number;
  drainTimeoutMs: number;
}

/** Every file of R2 routes to this checkpoint. */
export const R2_STUDY = 'leads';
export const R2_DATATYPE = 'apoe';

/**
 * R2: many concurrent invocations whose files all route to the same checkpoint → no lost update.
 * Queue path: the event source mapping runs `queueConcurrency` invocations at once (a batching window
 * lets the notifications pile up first, so they start together). Direct path: `directInvocations`
 * handler calls started at the same instant with real S3 notifications; records a call reports as
 * failed are redelivered in further rounds, as SQS would.
 */
export async function runConcurrency(options: ConcurrencyOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const random = createRandom(options.seed);
  const target = { study: R2_STUDY, datatype: R2_DATATYPE } as const;
  const queueFiles = validFiles(random, {
    prefix: `${EVENT_PREFIX}queue/`,
    count: options.queueFiles,
    ...target
  });
  const directFiles = validFiles(random, {
    prefix: `${EVENT_PREFIX}direct/`,
    count: options.directInvocations * options.batchSize,
    firstIndex: options.queueFiles,
    ...target
  });
  const pipeline = await ReliabilityPipeline.start({
    queue: {
      concurrency: options.queueConcurrency,
      batchSize: options.batchSize,
      batchWindowMs: 1500,
      // Under this much contention one commit may take ~25 lost races with backoff.
      functionTimeoutMs: 30_000,
      visibilityTimeoutMs: 36_000
    }
  });
  let lostRaces = 0;
  const stopCounting = pipeline.stack.s3.onRequest((request) => {
    if (request.bucket === 'analytics' && request.status === 412) lostRaces++;
  });
  try {
    // Queue path.
    await pipeline.uploadAll(queueFiles, 64);
    await pipeline.queue.drained(options.drainTimeoutMs);
    const queuePeak = pipeline.environments.peakConcurrency;

    // Direct path: real notifications, invoked all at once.
    const captured = pipeline.captureNotifications();
    await pipeline.uploadAll(directFiles, 64);
    await captured.queue.drained(options.drainTimeoutMs);
    const notifications = captured.bodies.filter((body) => !body.includes('s3:TestEvent'));
    let pending: string[][] = [];
    for (let i = 0; i < notifications.length; i += options.batchSize) {
      pending.push(notifications.slice(i, i + options.batchSize));
    }
    let inFlight = 0;
    let directPeak = 0;
    let rounds = 0;
    let directInvocations = 0;
    while (pending.length > 0 && rounds < 5) {
      rounds++;
      const retry: string[][] = [];
      await Promise.all(
        pending.map(async (bodies) => {
          inFlight++;
          directInvocations++;
          directPeak = Math.max(directPeak, inFlight);
          try {
            const response = (await pipeline.invokeWith(bodies)) as SQSBatchResponse;
            const failed = response.batchItemFailures.map((f) => Number(f.itemIdentifier.split('-').pop()));
            if (failed.length > 0) retry.push(failed.map((index) => bodies[index]));
          } catch {
            retry.push(bodies);
          } finally {
            inFlight--;
          }
        })
      );
      pending = retry;
    }
    const outcome = await collectOutcome(pipeline, [...queueFiles, ...directFiles]);
    const checkpoints = [...(await pipeline.allCheckpointRows()).keys()];
    if (checkpoints.length !== 1)
      outcome.violations.push(`files reached ${checkpoints.length} checkpoints, not 1`);
    if (pending.length > 0)
      outcome.violations.push(`${pending.length} direct invocations still failing after 5 rounds`);
    return {
      id: 'R2',
      title: 'concurrency: concurrent invocations appending to the same checkpoint',
      parameters: { ...options },
      figures: {
        'files (all to one checkpoint)': queueFiles.length + directFiles.length,
        checkpoint: checkpoints.join(', '),
        'queue path: peak concurrent invocations': queuePeak,
        'queue path: invocations': pipeline.queue.invocations.length,
        'queue path: redelivered messages': redeliveries(pipeline).redelivered,
        'direct path: invocations started at once': Math.ceil(notifications.length / options.batchSize),
        'direct path: peak concurrent invocations': directPeak,
        'direct path: invocations incl. redeliveries': directInvocations,
        'execution environments (cold starts)': pipeline.environments.coldStarts,
        'invocation time p50 / p99 / max, s (function timeout 30 s)': durationPercentiles(
          pipeline.environments.durations
        ),
        'lost commit races (S3 412, retried)': lostRaces,
        'checkpoint rows': outcome.exactlyOnce.rows,
        'expected rows': outcome.exactlyOnce.expectedRows,
        'lost updates (missing rows)': outcome.exactlyOnce.missing.length,
        'duplicate rows': outcome.exactlyOnce.duplicated.length,
        'dead letters': outcome.deadLetters.total
      },
      ...outcome,
      durationMs: Date.now() - started
    };
  } finally {
    stopCounting();
    await pipeline.stop();
  }
}
