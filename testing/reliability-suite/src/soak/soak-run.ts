import type { QuarantineRecord } from '@reporting/schemas';
import type { FaultKind } from '@reporting/local-aws';
import { createIdempotencyTable, startLocalAws } from '@reporting/local-aws';
import { createRandom } from '@reporting/utils';
import { checkExactlyOnce, exactlyOnceHolds, type ExactlyOnceReport } from '../checks/exactly-once';
import { checkQuarantine, quarantineHolds, type QuarantineReport } from '../checks/quarantine-check';
import { badFiles } from '@reporting/test-kit';
import type { SuiteFile } from '@reporting/test-kit';
import { validFiles } from '@reporting/test-kit';
import { listAllKeys, readAllJson } from '@reporting/test-kit';
import {
  ANALYTICS_BUCKET,
  EVENT_PREFIX,
  EVENTS_BUCKET,
  IDEMPOTENCY_TABLE
} from '../pipeline/reliability-pipeline';
import { S3ObjectStore } from '@reporting/checkpoint-store';
import type { VisitEventRow } from '@reporting/schemas';
import { visits } from '../pipeline/visit-rows';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { heapTrend, type HeapTrend } from './heap-trend';
import type { MemorySample } from './memory-sample';
import { WorkerProcess } from './worker-process';

export interface SoakOptions {
  durationMs: number;
  filesPerSecond: number;
  /** Every n-th file is a bad one (quarantined). */
  badEvery: number;
  faultRate: number;
  sampleEveryMs: number;
  warmUpMs: number;
  seed: number;
  drainTimeoutMs: number;
}

export interface SoakResult {
  options: SoakOptions;
  filesUploaded: number;
  invocations: number;
  faultsInjected: number;
  deadLetters: number;
  exactlyOnce: ExactlyOnceReport;
  quarantine: QuarantineReport;
  samples: MemorySample[];
  trend: HeapTrend;
  durationMs: number;
}

const S3_FAULTS: FaultKind[] = ['internal-error', 'slow-down', 'connection-reset', 'latency'];
const DYNAMODB_FAULTS: FaultKind[] = ['internal-error', 'throttling', 'connection-reset', 'latency'];

/**
 * Soak: steady uploads for `durationMs` with faults on, handled by ONE warm execution environment in
 * its own process (the production `index.handler`, configured from the environment), whose heap is
 * sampled after a full GC. Ends with the usual exactly-once check of everything uploaded.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const stack = await startLocalAws({ s3: { buckets: [EVENTS_BUCKET, ANALYTICS_BUCKET] } });
  let worker: WorkerProcess | undefined;
  try {
    await createIdempotencyTable(stack.dynamoDbClient(), IDEMPOTENCY_TABLE);
    worker = new WorkerProcess({
      ...stack.environment(),
      SOURCE_BUCKET: EVENTS_BUCKET,
      SOURCE_PREFIX: EVENT_PREFIX,
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE,
      LOG_LEVEL: 'SILENT',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'false',
      SOAK_SAMPLE_EVERY_MS: String(options.sampleEveryMs)
    });
    const lambda = worker;
    const queue = stack.createQueue({
      name: 'soak-notifications',
      handler: async (event, context) =>
        (await lambda.invoke(event, context.getRemainingTimeInMillis())) as never,
      batchSize: 10,
      batchWindowMs: 200,
      maxReceiveCount: 5,
      functionTimeoutMs: 10_000,
      visibilityTimeoutMs: 12_000
    });
    stack.s3.putBucketNotificationConfiguration(EVENTS_BUCKET, {
      queueConfigurations: [{ queue, events: ['s3:ObjectCreated:*'], prefix: EVENT_PREFIX, suffix: '.json' }]
    });
    stack.s3.setFaults({
      rate: options.faultRate,
      kinds: S3_FAULTS,
      seed: options.seed,
      latencyMs: 100,
      match: (r) => !(r.operation === 'PutObject' && r.bucket === EVENTS_BUCKET)
    });
    stack.dynamoDb!.setFaults({
      rate: options.faultRate,
      kinds: DYNAMODB_FAULTS,
      seed: options.seed + 1,
      latencyMs: 100
    });

    const client = stack.s3Client();
    const random = createRandom(options.seed);
    const files: SuiteFile[] = [];
    const tickMs = 200;
    const perTick = (options.filesPerSecond * tickMs) / 1000;
    let due = 0;
    const uploadsEnd = Date.now() + options.durationMs;
    while (Date.now() < uploadsEnd) {
      const tickStart = Date.now();
      due += perTick;
      const batch: SuiteFile[] = [];
      for (; due >= 1; due--) {
        const index = files.length + batch.length;
        batch.push(
          ...(index % options.badEvery === options.badEvery - 1
            ? badFiles(random, {
                prefix: `${EVENT_PREFIX}soak-`,
                count: 1,
                firstIndex: index,
                maxFileBytes: 1_048_576
              })
            : validFiles(random, { prefix: `${EVENT_PREFIX}soak/`, count: 1, firstIndex: index }))
        );
      }
      await Promise.all(
        batch.map((file) =>
          client.send(new PutObjectCommand({ Bucket: EVENTS_BUCKET, Key: file.key, Body: file.body }))
        )
      );
      files.push(...batch);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, tickMs - (Date.now() - tickStart))));
    }
    await queue.drained(options.drainTimeoutMs);
    await worker.sampleNow();
    const faultsInjected = [stack.s3.faults.injected, stack.dynamoDb!.faults.injected]
      .flatMap((counts) => Object.values(counts))
      .reduce((a, b) => a + b, 0);
    stack.s3.setFaults(undefined);
    stack.dynamoDb!.setFaults(undefined);

    const store = new S3ObjectStore(client, ANALYTICS_BUCKET);
    const checkpoints = new Map<string, VisitEventRow[]>();
    for (const key of await listAllKeys(client, ANALYTICS_BUCKET, 'checkpoints/')) {
      checkpoints.set(key, await visits.readRows(store, key));
    }
    const samples = [...worker.samples];
    return {
      options,
      filesUploaded: files.length,
      invocations: queue.invocations.length,
      faultsInjected,
      deadLetters: queue.deadLetters.length,
      exactlyOnce: checkExactlyOnce(files, checkpoints),
      quarantine: checkQuarantine(
        files,
        await readAllJson<QuarantineRecord>(client, ANALYTICS_BUCKET, 'errors/')
      ),
      samples,
      trend: heapTrend(samples, options.warmUpMs),
      durationMs: Date.now() - started
    };
  } finally {
    await worker?.stop();
    await stack.stop();
  }
}

/** The soak's invariants: exactly once, no dead letter, heap growth (and, when given, its slope) bounded. */
export function soakViolations(
  result: SoakResult,
  maxGrowthBytes: number,
  maxSlopeBytesPerMinute: number = Infinity
): string[] {
  const violations: string[] = [];
  if (!exactlyOnceHolds(result.exactlyOnce)) {
    violations.push(
      `checkpoint rows ${result.exactlyOnce.rows} ≠ expected ${result.exactlyOnce.expectedRows}`
    );
  }
  if (!quarantineHolds(result.quarantine)) {
    violations.push(
      `quarantine records ${result.quarantine.records} ≠ bad files ${result.quarantine.invalidFiles}`
    );
  }
  if (result.deadLetters > 0) violations.push(`${result.deadLetters} dead letters`);
  if (result.trend.growthBytes > maxGrowthBytes) {
    violations.push(
      `heap grew ${(result.trend.growthBytes / 1e6).toFixed(1)} MB (limit ${(maxGrowthBytes / 1e6).toFixed(1)} MB)`
    );
  }
  if (result.trend.slopeBytesPerMinute > maxSlopeBytesPerMinute) {
    violations.push(
      `heap slope ${(result.trend.slopeBytesPerMinute / 1e6).toFixed(2)} MB/min (limit ${(maxSlopeBytesPerMinute / 1e6).toFixed(2)} MB/min)`
    );
  }
  return violations;
}
