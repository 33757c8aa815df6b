import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3ObjectStore } from '@reporting/checkpoint-store';
import type { VisitEventRow } from '@reporting/schemas';
import { visits } from './visit-rows';
import { eventLogLambda } from '@reporting/event-log-checkpoint';
import {
  createHandler,
  createLambdaRuntime,
  createS3Client,
  loadConfig,
  type LambdaConfig
} from '@reporting/lambda-runtime';
import { DEFAULT_REGION, LOCAL_CREDENTIALS, type LocalQueueOptions } from '@reporting/local-aws';
import { LocalPipeline } from '@reporting/test-kit';
import { CrashInjector, type CrashPlan } from './crash-injector';

export const EVENTS_BUCKET = 'events';
export const ANALYTICS_BUCKET = 'analytics';
export const EVENT_PREFIX = 'prod/';
export const FUNCTION_NAME = 'event-log-checkpoint';
export { IDEMPOTENCY_TABLE, DEFAULT_QUEUE } from '@reporting/test-kit';

export interface ReliabilityPipelineOptions {
  /** The event source mapping and queue (production defaults: batch 10, 5 receives). */
  queue?: Partial<Omit<LocalQueueOptions, 'handler' | 'name'>>;
  crashes?: CrashPlan;
  /** Extra lambda configuration (e.g. MAX_FILE_BYTES). */
  lambdaEnvironment?: Record<string, string>;
}

/**
 * The event-log lambda on the test kit's local pipeline, each execution environment with
 * production-configured clients (S3: 5 attempts, standard retry mode) that the crash injector
 * instruments, plus what the scenarios read: checkpoint rows through the checkpoint store.
 */
export interface ReliabilityPipeline extends LocalPipeline {
  readonly crashes: CrashInjector;
  readonly store: S3ObjectStore;
  /** The lambda's configuration, as loaded by the lambda. */
  readonly config: LambdaConfig;
  checkpointRows(key: string): Promise<VisitEventRow[]>;
  /** Every checkpoint's rows (under `prefix`), by checkpoint key. */
  allCheckpointRows(prefix?: string): Promise<Map<string, VisitEventRow[]>>;
}

/** Starts the local stack with the event-log lambda wired as deployed. */
export async function startReliabilityPipeline(
  options: ReliabilityPipelineOptions = {}
): Promise<ReliabilityPipeline> {
  const crashes = new CrashInjector(options.crashes ?? {});
  const local = await LocalPipeline.start({
    name: FUNCTION_NAME,
    buckets: { source: EVENTS_BUCKET, checkpoint: ANALYTICS_BUCKET },
    prefix: EVENT_PREFIX,
    ...(options.queue ? { queue: options.queue } : {}),
    environment: {
      POWERTOOLS_SERVICE_NAME: 'event-log-checkpoint-reliability',
      ...options.lambdaEnvironment
    },
    clients: (stack) => {
      const endpoints = stack.environment();
      const local = { region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS };
      return {
        s3: crashes.instrument(createS3Client({ endpoint: endpoints.AWS_ENDPOINT_URL_S3, ...local })),
        dynamodb: new DynamoDBClient({ endpoint: endpoints.AWS_ENDPOINT_URL_DYNAMODB, ...local })
      };
    },
    lambda: (env, clients) =>
      createHandler(() =>
        createLambdaRuntime(eventLogLambda, env, { ...clients, crashPoints: crashes.hooks() })
      )
  });
  const store = new S3ObjectStore(local.client, ANALYTICS_BUCKET);
  const checkpointRows = (key: string): Promise<VisitEventRow[]> => visits.readRows(store, key);
  return Object.assign(local, {
    crashes,
    store,
    config: loadConfig(local.environment),
    checkpointRows,
    async allCheckpointRows(prefix?: string): Promise<Map<string, VisitEventRow[]>> {
      const result = new Map<string, VisitEventRow[]>();
      for (const key of await local.checkpointKeys(prefix)) result.set(key, await checkpointRows(key));
      return result;
    }
  });
}
