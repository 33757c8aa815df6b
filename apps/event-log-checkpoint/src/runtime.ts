import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createObservability, createS3Client, type Observability } from '@reporting/aws-helpers';
import type { CheckpointSink } from './checkpoint-sink';
import { loadConfig, type LambdaConfig } from './config';
import { createIdempotency, type LambdaIdempotency } from './idempotency';
import { ObjectProcessor, type ObjectProcessorDeps } from './object-processor';
import { assertCheckpointTemplate } from './routing';
import { createS3CheckpointSink } from './s3-checkpoint-sink';

/** Everything an invocation needs, built once per cold start. */
export interface Runtime {
  config: LambdaConfig;
  observability: Observability;
  idempotency: LambdaIdempotency;
  processor: ObjectProcessor;
  s3: S3Client;
}

export interface RuntimeOverrides {
  s3?: S3Client;
  dynamodb?: DynamoDBClient;
  sink?: CheckpointSink;
  now?: () => Date;
  crashPoints?: ObjectProcessorDeps['crashPoints'];
}

/** Validates configuration (ConfigurationError listing every problem) and wires the clients. */
export function createRuntime(
  env: NodeJS.ProcessEnv = process.env,
  overrides: RuntimeOverrides = {}
): Runtime {
  const config = loadConfig(env);
  assertCheckpointTemplate(config.checkpointKeyTemplate);
  const observability = createObservability({
    serviceName: config.serviceName,
    namespace: config.metricsNamespace,
    logLevel: config.logLevel
  });
  const s3 = overrides.s3 ?? observability.tracer.captureAWSv3Client(createS3Client());
  const dynamodb = overrides.dynamodb ?? observability.tracer.captureAWSv3Client(new DynamoDBClient({}));
  const idempotency = createIdempotency(config.idempotencyTable, dynamodb);
  const sink = overrides.sink ?? createS3CheckpointSink(s3, config.checkpointBucket, observability.logger);
  const processor = new ObjectProcessor({
    config,
    s3,
    sink,
    observability,
    idempotency: idempotency.wrapper,
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.crashPoints ? { crashPoints: overrides.crashPoints } : {})
  });
  return { config, observability, idempotency, processor, s3 };
}

/** A runtime built on first use and kept for the life of the execution environment. */
export function lazyRuntime(factory: () => Runtime = () => createRuntime()): () => Runtime {
  let runtime: Runtime | undefined;
  return () => (runtime ??= factory());
}
