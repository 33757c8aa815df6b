import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createS3Client } from '@reporting/aws-helpers';
import { readCheckpointRows, S3ObjectStore, type StoredCheckpointRow } from '@reporting/checkpoint-store';
import { createHandler, createRuntime, loadConfig, type LambdaConfig } from '@reporting/event-log-checkpoint';
import {
  ANALYTICS_BUCKET,
  EVENT_PREFIX,
  EVENTS_BUCKET
} from '@reporting/event-log-checkpoint/lib/testing/pipeline-harness';
import {
  createIdempotencyTable,
  DEFAULT_REGION,
  LOCAL_CREDENTIALS,
  startLocalAws,
  type FaultPlan,
  type LocalAws,
  type LocalQueue,
  type LocalQueueOptions
} from '@reporting/local-aws';
import { concurrencyLimit } from '@reporting/utils';
import { listAllKeys, readJsonObjects } from './bucket-listing';
import { CrashInjector, type CrashPlan } from './crash-injector';
import { lambdaContext } from './lambda-context';
import { LambdaEnvironments } from './lambda-environments';

export { ANALYTICS_BUCKET, EVENT_PREFIX, EVENTS_BUCKET };

export const IDEMPOTENCY_TABLE = 'idempotency';

/**
 * Production's event source mapping and queue (terraform/modules/s3-sqs-trigger) on a shorter clock:
 * batches of 10, 5 receives before the dead-letter list, and a visibility timeout longer than the
 * function timeout (production: 6 × 60 s). It must be longer, not equal: Powertools' in-progress
 * record expires at the invocation's deadline, so a message redelivered exactly one function timeout
 * after a crash can still find its object "in progress" and spend a second receive.
 */
export const DEFAULT_QUEUE = {
  batchSize: 10,
  maxReceiveCount: 5,
  functionTimeoutMs: 5000,
  visibilityTimeoutMs: 6000
} as const;
export const FUNCTION_NAME = 'event-log-checkpoint';

/** What the lambda writes for every invalid file (see the app's quarantine module). */
export interface QuarantineRecord {
  source_bucket: string;
  source_key: string;
  source_version: string;
  reasons: string[];
  quarantined_at: string;
}

export interface ReliabilityPipelineOptions {
  /** The event source mapping and queue (production defaults: batch 10, 5 receives). */
  queue?: Partial<Omit<LocalQueueOptions, 'handler' | 'name'>>;
  crashes?: CrashPlan;
  /** Extra lambda configuration (e.g. MAX_FILE_BYTES). */
  lambdaEnvironment?: Record<string, string>;
}

/**
 * The event-log lambda wired as in production on the local stack: S3 notification → queue (event
 * source mapping with partial batch responses) → one execution environment per concurrent
 * invocation, each with production-configured clients (S3: 5 attempts, standard retry mode).
 */
export class ReliabilityPipeline {
  public readonly store: S3ObjectStore;
  public readonly crashes: CrashInjector;
  public readonly environments: LambdaEnvironments;
  /** The lambda's configuration, as loaded by the lambda. */
  public readonly config: LambdaConfig;
  private readonly _lambdaClients: { destroy(): void }[] = [];
  private readonly _quarantine: Map<string, QuarantineRecord> = new Map();
  private _faultsInjected: { s3: Record<string, number>; dynamodb: Record<string, number> } = {
    s3: {},
    dynamodb: {}
  };

  private constructor(
    public readonly stack: LocalAws,
    /** The test's own client (uploads and read-back). */
    public readonly client: S3Client,
    public readonly queue: LocalQueue,
    options: ReliabilityPipelineOptions,
    environment: Record<string, string>
  ) {
    this.store = new S3ObjectStore(client, ANALYTICS_BUCKET);
    this.crashes = new CrashInjector(options.crashes ?? {});
    this.config = loadConfig(environment);
    this.environments = new LambdaEnvironments(() => {
      const endpoints = stack.environment();
      const s3 = this.crashes.instrument(
        createS3Client({
          endpoint: endpoints.AWS_ENDPOINT_URL_S3,
          region: DEFAULT_REGION,
          credentials: LOCAL_CREDENTIALS
        })
      );
      const dynamodb = new DynamoDBClient({
        endpoint: endpoints.AWS_ENDPOINT_URL_DYNAMODB,
        region: DEFAULT_REGION,
        credentials: LOCAL_CREDENTIALS
      });
      this._lambdaClients.push(s3, dynamodb);
      const stopped = { value: false };
      refuseWhenStopped(s3, stopped);
      refuseWhenStopped(dynamodb, stopped);
      const runtime = createRuntime(environment, { s3, dynamodb, crashPoints: this.crashes.hooks() });
      const handler = createHandler(() => runtime);
      return {
        handle: (event, context) => handler(event, context),
        kill: () => {
          stopped.value = true;
        }
      };
    });
  }

  public static async start(options: ReliabilityPipelineOptions = {}): Promise<ReliabilityPipeline> {
    // Powertools would print one EMF metrics line per commit on stdout: noise for a suite.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    const stack = await startLocalAws({ s3: { buckets: [EVENTS_BUCKET, ANALYTICS_BUCKET] } });
    try {
      await createIdempotencyTable(stack.dynamoDbClient(), IDEMPOTENCY_TABLE);
      const environment = {
        SOURCE_BUCKET: EVENTS_BUCKET,
        SOURCE_PREFIX: EVENT_PREFIX,
        CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
        IDEMPOTENCY_TABLE,
        LOG_LEVEL: 'SILENT',
        POWERTOOLS_SERVICE_NAME: 'event-log-checkpoint-reliability',
        ...options.lambdaEnvironment
      };
      const holder: { pipeline?: ReliabilityPipeline } = {};
      const queue = stack.createQueue({
        name: 'event-log-notifications',
        ...DEFAULT_QUEUE,
        ...options.queue,
        handler: async (event, context) =>
          (await holder.pipeline!.environments.invoke(event, context)) as never
      });
      const pipeline = new ReliabilityPipeline(stack, stack.s3Client(), queue, options, environment);
      holder.pipeline = pipeline;
      pipeline.routeNotificationsTo(queue);
      return pipeline;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** S3 → this queue for `prod/**.json` (S3's test event first, as in production). */
  public routeNotificationsTo(queue: LocalQueue): void {
    this.stack.s3.putBucketNotificationConfiguration(
      EVENTS_BUCKET,
      {
        queueConfigurations: [
          { queue, events: ['s3:ObjectCreated:*'], prefix: EVENT_PREFIX, suffix: '.json' }
        ]
      },
      { sendTestEvent: true }
    );
  }

  /**
   * Routes notifications to a queue that only records them (nothing reaches the lambda); returns
   * the recorded message bodies, for tests that invoke the lambda themselves.
   */
  public captureNotifications(): { bodies: string[]; queue: LocalQueue } {
    const bodies: string[] = [];
    const queue = this.stack.createQueue({
      name: 'captured-notifications',
      batchSize: 10,
      handler: async (event) => {
        for (const record of event.Records) bodies.push(record.body);
      }
    });
    this.routeNotificationsTo(queue);
    return { bodies, queue };
  }

  public async upload(key: string, body: Buffer | string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: EVENTS_BUCKET,
        Key: key,
        Body: typeof body === 'string' ? Buffer.from(body) : body
      })
    );
  }

  /** Uploads with a bounded number in flight. */
  public async uploadAll(
    files: readonly { key: string; body: Buffer }[],
    concurrency: number = 32
  ): Promise<void> {
    const limit = concurrencyLimit(concurrency);
    await Promise.all(files.map((file) => limit(() => this.upload(file.key, file.body))));
  }

  /**
   * Faults on the lambda's S3 and DynamoDB requests. The test's own uploads (PutObject into the
   * events bucket, which the lambda never does) are left alone.
   */
  public setFaults(s3: Omit<FaultPlan, 'match'>, dynamodb: Omit<FaultPlan, 'match'>): void {
    this.stack.s3.setFaults({
      ...s3,
      match: (r) => !(r.operation === 'PutObject' && r.bucket === EVENTS_BUCKET)
    });
    this.stack.dynamoDb!.setFaults(dynamodb);
  }

  /** Stops injecting faults; returns (and remembers) how many of each kind were injected. */
  public clearFaults(): { s3: Record<string, number>; dynamodb: Record<string, number> } {
    this._faultsInjected = {
      s3: { ...this.stack.s3.faults.injected },
      dynamodb: { ...this.stack.dynamoDb!.faults.injected }
    };
    this.stack.s3.setFaults(undefined);
    this.stack.dynamoDb!.setFaults(undefined);
    return this._faultsInjected;
  }

  /** Invokes the lambda directly with an SQS event made of these S3 notification bodies. */
  public invokeWith(bodies: readonly string[], timeoutMs: number = 30_000): Promise<unknown> {
    const event: SQSEvent = { Records: bodies.map((body, i) => sqsRecord(body, i)) };
    return this.environments.invoke(event, lambdaContext(FUNCTION_NAME, timeoutMs));
  }

  public checkpointKeys(prefix: string = 'checkpoints/'): Promise<string[]> {
    return listAllKeys(this.client, ANALYTICS_BUCKET, prefix);
  }

  public checkpointRows(key: string): Promise<StoredCheckpointRow[]> {
    return readCheckpointRows(this.store, key);
  }

  /** Every checkpoint's rows (under `prefix`), by checkpoint key. */
  public async allCheckpointRows(prefix?: string): Promise<Map<string, StoredCheckpointRow[]>> {
    const result = new Map<string, StoredCheckpointRow[]>();
    for (const key of await this.checkpointKeys(prefix)) result.set(key, await this.checkpointRows(key));
    return result;
  }

  /** Every quarantine record written so far (each object read once: a record is only ever rewritten whole). */
  public async quarantine(): Promise<QuarantineRecord[]> {
    const keys = await listAllKeys(this.client, ANALYTICS_BUCKET, this.config.errorsPrefix);
    const unread = keys.filter((key) => !this._quarantine.has(key));
    const records = await readJsonObjects<QuarantineRecord>(this.client, ANALYTICS_BUCKET, unread);
    unread.forEach((key, i) => this._quarantine.set(key, records[i]));
    return keys.map((key) => this._quarantine.get(key)!);
  }

  public async stop(): Promise<void> {
    for (const client of this._lambdaClients) client.destroy();
    await this.stack.stop();
  }
}

let sequence = 0;

function sqsRecord(body: string, index: number): SQSRecord {
  const messageId = `direct-${++sequence}-${index}`;
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAJDIRECT',
      ApproximateFirstReceiveTimestamp: String(Date.now())
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:direct',
    awsRegion: DEFAULT_REGION
  };
}

/** Thrown for a request of an execution environment Lambda has stopped. */
export class EnvironmentStoppedError extends Error {
  public constructor() {
    super('the execution environment was stopped at its invocation timeout');
    this.name = 'EnvironmentStoppedError';
  }
}

/**
 * After `stopped.value` turns true, every request of this client fails before it is sent, retries of
 * requests already under way included (the check sits inside the SDK's retry loop).
 */
function refuseWhenStopped(client: S3Client | DynamoDBClient, stopped: { value: boolean }): void {
  (client.middlewareStack as S3Client['middlewareStack']).add(
    (next) => async (args) => {
      if (stopped.value) throw new EnvironmentStoppedError();
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'reliabilitySuiteStoppedEnvironment' }
  );
}
