import type { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@reporting/checkpoint-store';
import { createHandler, createLambdaRuntime, type Runtime } from '@reporting/lambda-runtime';
import type { LocalAws, LocalQueue, LocalQueueOptions } from '@reporting/local-aws';
import type { QuarantineRecord, VisitEventRow } from '@reporting/schemas';
import { LocalPipeline, type LocalPipelineOptions } from '@reporting/test-kit';
import { eventLogLambda } from '../event-log-lambda';
import { visits } from './visit-rows';

export const FUNCTION_NAME = 'event-log-checkpoint';
export const EVENTS_BUCKET = 'events';
export const ANALYTICS_BUCKET = 'analytics';
export const EVENT_PREFIX = 'prod/';

/** The event-log lambda on the test kit's local pipeline, plus what its tests look at. */
export interface Pipeline {
  local: LocalPipeline;
  stack: LocalAws;
  s3: S3Client;
  queue: LocalQueue;
  /** A runtime on the test's own clients, for invoking the handler or a backfill directly. */
  runtime: Runtime;
  upload(key: string, body: Buffer | string): Promise<void>;
  checkpointRows(key: string): Promise<VisitEventRow[]>;
  checkpointKeys(): Promise<string[]>;
  quarantine(): Promise<QuarantineRecord[]>;
  stop(): Promise<void>;
}

/** The lambda as deployed (S3 → queue → one runtime per execution environment), on the local stack. */
export function eventLogPipelineOptions(
  options: Omit<LocalPipelineOptions, 'lambda'> = {}
): LocalPipelineOptions {
  return {
    name: FUNCTION_NAME,
    buckets: { source: EVENTS_BUCKET, checkpoint: ANALYTICS_BUCKET },
    prefix: EVENT_PREFIX,
    lambda: (env, clients) => createHandler(() => createLambdaRuntime(eventLogLambda, env, clients)),
    ...options
  };
}

export async function startPipeline(queue: Partial<LocalQueueOptions> = {}): Promise<Pipeline> {
  const local = await LocalPipeline.start(eventLogPipelineOptions({ queue }));
  const runtime = createLambdaRuntime(eventLogLambda, local.environment, {
    s3: local.client,
    dynamodb: local.stack.dynamoDbClient()
  });
  const store = new S3ObjectStore(local.client, ANALYTICS_BUCKET);
  return {
    local,
    stack: local.stack,
    s3: local.client,
    queue: local.queue,
    runtime,
    upload: (key, body) => local.upload(key, body),
    checkpointRows: (key) => visits.readRows(store, key),
    checkpointKeys: () => local.checkpointKeys(),
    quarantine: () => local.quarantine(),
    stop: () => local.stop()
  };
}
