import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  createIdempotencyTable,
  createLocalDynamoDbClient,
  createLocalS3Client,
  DEFAULT_REGION,
  startLocalAws,
  type FaultPlan,
  type LocalAws,
  type LocalQueue,
  type LocalQueueOptions
} from '@reporting/local-aws';
import { dataSourceConfigSchema, type QuarantineRecord } from '@reporting/schemas';
import { concurrencyLimit, createLambdaContext } from '@reporting/utils';
import { listAllKeys, readJsonObjects } from './bucket-listing';
import { LambdaEnvironments } from './lambda-environments';

/** The clients one execution environment's runtime uses (the lambda-runtime's `RuntimeOverrides`). */
export interface LambdaClients {
  s3: S3Client;
  dynamodb: DynamoDBClient;
}

/** The Lambda handler of one execution environment. */
export type LambdaHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

/**
 * Builds one execution environment: the lambda's handler from its environment variables and the
 * clients of that environment (e.g. `createHandler(() => createLambdaRuntime(lambda, env, clients))`).
 */
export type LambdaFactory = (
  environment: Readonly<Record<string, string>>,
  clients: LambdaClients
) => LambdaHandler;

export interface LocalPipelineOptions {
  /** The lambda under test, built once per execution environment. */
  lambda: LambdaFactory;
  /** Function and queue name. */
  name?: string;
  /** The bucket producers upload to and the bucket of checkpoints and quarantine records. */
  buckets?: { source: string; checkpoint: string };
  /** Notifications for keys under this prefix with this suffix reach the queue. */
  prefix?: string;
  suffix?: string;
  /** Extra or changed lambda environment variables (e.g. MAX_FILE_BYTES). */
  environment?: Record<string, string>;
  /** The event source mapping and queue (production defaults: batch 10, 5 receives). */
  queue?: Partial<Omit<LocalQueueOptions, 'handler' | 'name'>>;
  /** Keep the stack's objects in this folder (default: a temporary one). */
  directory?: string;
  /** S3 sends its test event when the notification is configured, as in production (default true). */
  sendTestEvent?: boolean;
  /** Builds an execution environment's clients (default: local clients with the SDK's standard retries). */
  clients?: (stack: LocalAws) => LambdaClients;
}

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

const DEFAULTS = {
  name: 'reporting-lambda',
  buckets: { source: 'events', checkpoint: 'analytics' },
  prefix: 'prod/',
  suffix: '.json'
};

/**
 * A reporting lambda wired as in production on the local stack: bucket → S3 notification → queue
 * (event source mapping with partial batch responses, redelivery, dead letters) → one execution
 * environment per concurrent invocation → checkpoints and quarantine records in the checkpoint bucket.
 * The one wiring behind the app tests, the local run, the reliability suite and the benchmarks.
 */
export class LocalPipeline {
  public readonly environments: LambdaEnvironments;
  private readonly _lambdaClients: { destroy(): void }[] = [];
  private readonly _quarantine: Map<string, QuarantineRecord> = new Map();

  private constructor(
    public readonly stack: LocalAws,
    /** The test's own client (uploads and read-back). */
    public readonly client: S3Client,
    public readonly queue: LocalQueue,
    public readonly name: string,
    public readonly buckets: { source: string; checkpoint: string },
    public readonly prefix: string,
    private readonly _suffix: string,
    /** The lambda's environment variables (without the stack's endpoints). */
    public readonly environment: Readonly<Record<string, string>>,
    lambda: LambdaFactory,
    clients: (stack: LocalAws) => LambdaClients
  ) {
    this.environments = new LambdaEnvironments(() => this.createEnvironment(lambda, clients(stack)));
  }

  public static async start(options: LocalPipelineOptions): Promise<LocalPipeline> {
    // Powertools would print one EMF metrics line per commit on stdout: noise for tests and reports.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    const name = options.name ?? DEFAULTS.name;
    const buckets = options.buckets ?? DEFAULTS.buckets;
    const stack = await startLocalAws({
      ...(options.directory ? { directory: options.directory } : {}),
      s3: { buckets: [buckets.source, buckets.checkpoint] }
    });
    try {
      await createIdempotencyTable(stack.dynamoDbClient(), IDEMPOTENCY_TABLE);
      const prefix = options.prefix ?? DEFAULTS.prefix;
      const environment = {
        SOURCE_BUCKET: buckets.source,
        SOURCE_PREFIX: prefix,
        CHECKPOINT_BUCKET: buckets.checkpoint,
        IDEMPOTENCY_TABLE,
        LOG_LEVEL: 'SILENT',
        POWERTOOLS_SERVICE_NAME: name,
        ...options.environment
      };
      const holder: { pipeline?: LocalPipeline } = {};
      const queue = stack.createQueue({
        name: `${name}-notifications`,
        ...DEFAULT_QUEUE,
        ...options.queue,
        handler: async (event, context) =>
          (await holder.pipeline!.environments.invoke(event, context)) as never
      });
      const pipeline = new LocalPipeline(
        stack,
        stack.s3Client(),
        queue,
        name,
        buckets,
        prefix,
        options.suffix ?? DEFAULTS.suffix,
        environment,
        options.lambda,
        options.clients ?? defaultClients
      );
      holder.pipeline = pipeline;
      pipeline.routeNotificationsTo(queue, options.sendTestEvent ?? true);
      return pipeline;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** The environment variables to point the AWS CLI or an SDK at the stack, and the lambda's own. */
  public exports(): Record<string, string> {
    return { ...this.stack.environment(), ...this.environment };
  }

  /** S3 → this queue for `{prefix}**{suffix}` (S3's test event first, as in production). */
  public routeNotificationsTo(queue: LocalQueue, sendTestEvent: boolean = true): void {
    this.stack.s3.putBucketNotificationConfiguration(
      this.buckets.source,
      {
        queueConfigurations: [
          { queue, events: ['s3:ObjectCreated:*'], prefix: this.prefix, suffix: this._suffix }
        ]
      },
      { sendTestEvent }
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
        Bucket: this.buckets.source,
        Key: key,
        Body: typeof body === 'string' ? Buffer.from(body) : body
      })
    );
  }

  /** Uploads with a bounded number in flight. */
  public async uploadAll(
    files: readonly { key: string; body: Buffer | string }[],
    concurrency: number = 32
  ): Promise<void> {
    const limit = concurrencyLimit(concurrency);
    await Promise.all(files.map((file) => limit(() => this.upload(file.key, file.body))));
  }

  /**
   * Faults on the lambda's S3 and DynamoDB requests. The test's own uploads (PutObject into the
   * source bucket, which the lambda never does) are left alone.
   */
  public setFaults(s3: Omit<FaultPlan, 'match'>, dynamodb: Omit<FaultPlan, 'match'>): void {
    const source = this.buckets.source;
    this.stack.s3.setFaults({ ...s3, match: (r) => !(r.operation === 'PutObject' && r.bucket === source) });
    this.stack.dynamoDb!.setFaults(dynamodb);
  }

  /** Stops injecting faults; returns how many of each kind were injected. */
  public clearFaults(): { s3: Record<string, number>; dynamodb: Record<string, number> } {
    const injected = {
      s3: { ...this.stack.s3.faults.injected },
      dynamodb: { ...this.stack.dynamoDb!.faults.injected }
    };
    this.stack.s3.setFaults(undefined);
    this.stack.dynamoDb!.setFaults(undefined);
    return injected;
  }

  /** Invokes the lambda directly with an SQS event made of these S3 notification bodies. */
  public invokeWith(bodies: readonly string[], timeoutMs: number = 30_000): Promise<unknown> {
    const event: SQSEvent = { Records: bodies.map((body, i) => sqsRecord(body, i)) };
    return this.environments.invoke(event, createLambdaContext(this.name, timeoutMs));
  }

  public checkpointKeys(prefix: string = 'checkpoints/'): Promise<string[]> {
    return listAllKeys(this.client, this.buckets.checkpoint, prefix);
  }

  /** The bytes of one object of the checkpoint bucket (a checkpoint, for a parquet reader). */
  public async checkpointBytes(key: string): Promise<Uint8Array> {
    const response = await this.client.send(
      new GetObjectCommand({ Bucket: this.buckets.checkpoint, Key: key })
    );
    return response.Body!.transformToByteArray();
  }

  /** Where quarantine records go: the lambda's ERRORS_PREFIX or the configuration schema's default. */
  public get errorsPrefix(): string {
    return this.environment.ERRORS_PREFIX ?? dataSourceConfigSchema.properties.ERRORS_PREFIX.default;
  }

  /** Every quarantine record written so far (each object read once: a record is only ever rewritten whole). */
  public async quarantine(): Promise<QuarantineRecord[]> {
    const bucket = this.buckets.checkpoint;
    const keys = await listAllKeys(this.client, bucket, this.errorsPrefix);
    const unread = keys.filter((key) => !this._quarantine.has(key));
    const records = await readJsonObjects<QuarantineRecord>(this.client, bucket, unread);
    unread.forEach((key, i) => this._quarantine.set(key, records[i]));
    return keys.map((key) => this._quarantine.get(key)!);
  }

  public async stop(): Promise<void> {
    for (const client of this._lambdaClients) client.destroy();
    await this.stack.stop();
  }

  private createEnvironment(
    lambda: LambdaFactory,
    clients: LambdaClients
  ): { handle: LambdaHandler; kill: () => void } {
    this._lambdaClients.push(clients.s3, clients.dynamodb);
    const stopped = { value: false };
    refuseWhenStopped(clients.s3, stopped);
    refuseWhenStopped(clients.dynamodb, stopped);
    const handle = lambda(this.environment, clients);
    return {
      handle,
      kill: () => {
        stopped.value = true;
      }
    };
  }
}

/** Local clients with the SDK's standard retries (5 attempts), as the lambda configures them. */
function defaultClients(stack: LocalAws): LambdaClients {
  const endpoints = stack.environment();
  const retries = { maxAttempts: 5, retryMode: 'standard' } as const;
  return {
    s3: createLocalS3Client(endpoints.AWS_ENDPOINT_URL_S3, retries),
    dynamodb: createLocalDynamoDbClient(endpoints.AWS_ENDPOINT_URL_DYNAMODB, retries)
  };
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
    { step: 'finalizeRequest', priority: 'low', name: 'localPipelineStoppedEnvironment' }
  );
}
