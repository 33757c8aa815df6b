import { ListObjectsV2Command, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  createIdempotencyTable,
  startLocalAws,
  type LocalAws,
  type LocalQueue,
  type LocalQueueOptions
} from '@reporting/local-aws';
import { readCheckpointRows, S3ObjectStore, type StoredCheckpointRow } from '@reporting/checkpoint-store';
import { createHandler } from '@reporting/lambda-runtime';
import type { QuarantineRecord } from '@reporting/object-processing';
import { createRuntime, type Runtime } from '../runtime';

export const EVENTS_BUCKET = 'events';
export const ANALYTICS_BUCKET = 'analytics';
export const EVENT_PREFIX = 'prod/';

/** The lambda wired exactly as in production (S3 → queue → handler) on the local stack. */
export interface Pipeline {
  stack: LocalAws;
  s3: S3Client;
  runtime: Runtime;
  queue: LocalQueue;
  upload(key: string, body: Buffer | string): Promise<void>;
  checkpointRows(key: string): Promise<StoredCheckpointRow[]>;
  checkpointKeys(): Promise<string[]>;
  quarantine(): Promise<QuarantineRecord[]>;
  stop(): Promise<void>;
}

export async function startPipeline(queueOptions: Partial<LocalQueueOptions> = {}): Promise<Pipeline> {
  const stack = await startLocalAws({ s3: { buckets: [EVENTS_BUCKET, ANALYTICS_BUCKET] } });
  const s3 = stack.s3Client();
  const dynamodb = stack.dynamoDbClient();
  await createIdempotencyTable(dynamodb, 'idempotency');
  const runtime = createRuntime(
    {
      SOURCE_BUCKET: EVENTS_BUCKET,
      SOURCE_PREFIX: EVENT_PREFIX,
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE: 'idempotency',
      LOG_LEVEL: 'SILENT',
      POWERTOOLS_SERVICE_NAME: 'event-log-checkpoint-test'
    },
    { s3, dynamodb }
  );
  const handler = createHandler(() => runtime);
  const queue = stack.createQueue({
    name: 'event-log-notifications',
    handler: async (event, context) => (await handler(event, context)) as never,
    batchSize: 10,
    maxReceiveCount: 5,
    ...queueOptions
  });
  stack.s3.putBucketNotificationConfiguration(
    EVENTS_BUCKET,
    {
      queueConfigurations: [{ queue, events: ['s3:ObjectCreated:*'], prefix: EVENT_PREFIX, suffix: '.json' }]
    },
    { sendTestEvent: true }
  );
  const store = new S3ObjectStore(s3, ANALYTICS_BUCKET);
  const list = async (prefix: string) =>
    (
      (await s3.send(new ListObjectsV2Command({ Bucket: ANALYTICS_BUCKET, Prefix: prefix }))).Contents ?? []
    ).map((o) => o.Key!);
  return {
    stack,
    s3,
    runtime,
    queue,
    upload: async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: EVENTS_BUCKET, Key: key, Body: Buffer.from(body) }));
    },
    checkpointRows: (key) => readCheckpointRows(store, key),
    checkpointKeys: () => list('checkpoints/'),
    quarantine: async () => {
      const records: QuarantineRecord[] = [];
      for (const key of await list(runtime.config.errorsPrefix)) {
        const response = await s3.send(new GetObjectCommand({ Bucket: ANALYTICS_BUCKET, Key: key }));
        records.push(JSON.parse(await response.Body!.transformToString()) as QuarantineRecord);
      }
      return records;
    },
    stop: () => stack.stop()
  };
}
