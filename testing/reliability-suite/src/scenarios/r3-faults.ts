import { randomBytes } from 'node:crypto';
import { S3_MINIMUM_PART_BYTES } from '@reporting/checkpoint-store';
import { rowOfEvent, visits } from '../pipeline/visit-rows';
import { randomEvent } from '@reporting/test-kit';
import type { FaultKind } from '@reporting/local-aws';
import { createRandom, shuffleInPlace, type Random } from '@reporting/utils';
import { badFiles } from '@reporting/test-kit';
import type { SuiteFile } from '@reporting/test-kit';
import { validFiles } from '@reporting/test-kit';
import type { CrashPlan } from '../pipeline/crash-injector';
import {
  ANALYTICS_BUCKET,
  EVENT_PREFIX,
  EVENTS_BUCKET,
  startReliabilityPipeline,
  type ReliabilityPipeline
} from '../pipeline/reliability-pipeline';
import { collectOutcome, durationPercentiles, redeliveries, type ScenarioResult } from './scenario-result';

export interface FaultsOptions {
  validFiles: number;
  invalidFiles: number;
  /** Fraction of the valid files routed to the seeded ≥ 5 MiB checkpoint (multipart commits). */
  largeCheckpointShare: number;
  /** Rows of the seeded checkpoint (each ~280 bytes, hard to compress). */
  seedRows: number;
  /** Fraction of S3 and of DynamoDB requests that fail. */
  faultRate: number;
  crashes: CrashPlan;
  /** The fault timing flips between 'before' and 'after' this often. */
  timingFlipMs: number;
  concurrency: number;
  functionTimeoutMs: number;
  visibilityTimeoutMs: number;
  seed: number;
  drainTimeoutMs: number;
}

/** The seeded checkpoint every multipart commit goes to. */
export const LARGE_STUDY = 'adrc';
export const LARGE_DATATYPE = 'form';
export const LARGE_CHECKPOINT = `checkpoints/${LARGE_STUDY}/${LARGE_DATATYPE}/events.parquet`;
const SEED_SOURCE = { key: 's3://seed/large-checkpoint', version: '1' };

const S3_FAULTS: FaultKind[] = ['internal-error', 'slow-down', 'connection-reset', 'latency'];
const DYNAMODB_FAULTS: FaultKind[] = [
  'internal-error',
  'slow-down',
  'throttling',
  'provisioned-throughput-exceeded',
  'connection-reset',
  'latency'
];

/** A checkpoint large enough (≥ 5 MiB of unchanged prefix) that every append is a multipart copy. */
async function seedLargeCheckpoint(
  pipeline: ReliabilityPipeline,
  random: Random,
  rows: number
): Promise<number> {
  const seeded = [];
  for (let i = 0; i < rows; i++) {
    const event = randomEvent(random, i);
    seeded.push(
      rowOfEvent({
        ...event,
        study: LARGE_STUDY,
        datatype: LARGE_DATATYPE,
        module: 'UDS',
        project_label: `ingest-${LARGE_DATATYPE}`,
        // Incompressible text: the file reaches 5 MiB with few rows (fast to seed).
        center_label: randomBytes(200).toString('base64')
      })
    );
  }
  await visits.appendBatches(pipeline.store, LARGE_CHECKPOINT, [{ source: SEED_SOURCE, rows: seeded }]);
  const stats = await visits.stats(pipeline.store, LARGE_CHECKPOINT);
  if (!stats || stats.sizeBytes < S3_MINIMUM_PART_BYTES + 64 * 1024) {
    throw new Error(`seeded checkpoint is ${stats?.sizeBytes} bytes: too small for multipart commits`);
  }
  return stats.sizeBytes;
}

function faultsInput(options: FaultsOptions, random: Random): SuiteFile[] {
  const large = Math.round(options.validFiles * options.largeCheckpointShare);
  return shuffleInPlace(
    [
      ...validFiles(random, { prefix: `${EVENT_PREFIX}faults/`, count: options.validFiles - large }),
      ...validFiles(random, {
        prefix: `${EVENT_PREFIX}faults-large/`,
        count: large,
        firstIndex: options.validFiles,
        study: LARGE_STUDY,
        datatype: LARGE_DATATYPE
      }),
      ...badFiles(random, {
        prefix: `${EVENT_PREFIX}faults-`,
        count: options.invalidFiles,
        maxFileBytes: 1_048_576
      })
    ],
    random
  );
}

/**
 * R3: `faultRate` of the lambda's S3 and DynamoDB requests fail (500, 503 SlowDown, throttling,
 * connection reset, latency; applied-then-failed and failed-before alternately), and the process
 * crashes after reading objects, after committing before the idempotency record completes, and in
 * the middle of multipart commits of a ≥ 5 MiB checkpoint → after redeliveries, every valid event
 * exactly once, every invalid file quarantined, nothing valid dead-lettered.
 */
export async function runFaults(options: FaultsOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const random = createRandom(options.seed);
  const files = faultsInput(options, random);
  const pipeline = await startReliabilityPipeline({
    queue: {
      concurrency: options.concurrency,
      functionTimeoutMs: options.functionTimeoutMs,
      visibilityTimeoutMs: options.visibilityTimeoutMs,
      shuffle: true,
      seed: options.seed
    },
    crashes: options.crashes
  });
  const requests = { s3: 0, multipartCompleted: 0, uploadPartCopies: 0 };
  const stopCounting = pipeline.stack.s3.onRequest((request) => {
    if (request.operation === 'PutObject' && request.bucket === EVENTS_BUCKET) return;
    requests.s3++;
    if (request.bucket !== ANALYTICS_BUCKET || request.status !== 200) return;
    if (request.operation === 'CompleteMultipartUpload') requests.multipartCompleted++;
    if (request.operation === 'UploadPartCopy') requests.uploadPartCopies++;
  });
  let dynamoDbRequests = 0;
  const stopCountingDynamoDb = pipeline.stack.dynamoDb!.onRequest(() => dynamoDbRequests++);
  let flips = 0;
  const applyFaults = (): void => {
    const timing = flips % 2 === 0 ? 'before' : 'after';
    const seed = options.seed * 1000 + flips++;
    pipeline.setFaults(
      { rate: options.faultRate, kinds: S3_FAULTS, seed, timing, latencyMs: 150 },
      { rate: options.faultRate, kinds: DYNAMODB_FAULTS, seed: seed + 1, timing, latencyMs: 150 }
    );
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const seedBytes = await seedLargeCheckpoint(pipeline, random, options.seedRows);
    applyFaults();
    timer = setInterval(applyFaults, options.timingFlipMs);
    await pipeline.uploadAll(files);
    await pipeline.queue.drained(options.drainTimeoutMs);
    clearInterval(timer);
    const injected = pipeline.clearFaults();
    const outcome = await collectOutcome(pipeline, files, new Map([[SEED_SOURCE.key, options.seedRows]]));
    const crashes = pipeline.crashes.injected;
    const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
    const describe = (counts: Record<string, number>): string =>
      Object.entries(counts)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ') || 'none';
    const { redelivered, maxReceiveCount } = redeliveries(pipeline);
    return {
      id: 'R3',
      title: 'faults and crashes: S3/DynamoDB errors, crashes at named points, redelivery',
      parameters: {
        ...options,
        crashes: JSON.stringify(options.crashes),
        'seeded checkpoint bytes': seedBytes
      },
      figures: {
        files: files.length,
        'S3 requests by the lambda': requests.s3,
        'S3 faults injected': `${sum(injected.s3)} (${describe(injected.s3)})`,
        'DynamoDB requests': dynamoDbRequests,
        'DynamoDB faults injected': `${sum(injected.dynamodb)} (${describe(injected.dynamodb)})`,
        'crashes injected': `${sum(crashes)} (${describe(crashes)})`,
        'multipart commits completed (UploadPartCopy of the ≥ 5 MiB prefix)': requests.multipartCompleted,
        invocations: pipeline.queue.invocations.length,
        'failed or timed-out invocations': pipeline.queue.invocations.filter((i) => i.outcome === 'failed')
          .length,
        [`invocation time p50 / p99 / max, s (function timeout ${options.functionTimeoutMs / 1000} s)`]:
          durationPercentiles(pipeline.environments.durations),
        'execution environments stopped at their timeout': pipeline.environments.killed,
        'redelivered messages': redelivered,
        'most receives of one message': maxReceiveCount,
        'checkpoint rows (incl. seeded)': outcome.exactlyOnce.rows,
        'expected rows (incl. seeded)': outcome.exactlyOnce.expectedRows,
        'missing rows': outcome.exactlyOnce.missing.length,
        'duplicate rows': outcome.exactlyOnce.duplicated.length,
        'quarantine records / invalid files': `${outcome.quarantine.records} / ${outcome.quarantine.invalidFiles}`,
        'dead letters': outcome.deadLetters.total
      },
      ...outcome,
      durationMs: Date.now() - started
    };
  } finally {
    if (timer) clearInterval(timer);
    stopCounting();
    stopCountingDynamoDb();
    await pipeline.stop();
  }
}
