import type { S3Client } from '@aws-sdk/client-s3';
import { CheckpointTable, type TableRow } from '@reporting/checkpoint-store';
import type { TableDefinition } from '@reporting/schemas';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createObservability, type Observability } from './observability';
import { createS3Client } from './s3-client';
import { createIdempotency, type LambdaIdempotency } from './idempotency';
import { idempotencyKeyPrefix } from './idempotency-key';
import { createS3CheckpointSink } from './s3-checkpoint-sink';
import { ObjectProcessor, type ObjectProcessorDeps } from './object-processor';
import { type CheckpointSink } from './checkpoint-sink';
import { type FileProcessor } from './file-processor';
import type { ObjectReader } from './read-object';
import { loadConfig, type LambdaConfig } from './config';

/** Everything an invocation needs, built once per cold start. */
export interface Runtime {
  config: LambdaConfig;
  observability: Observability;
  idempotency: LambdaIdempotency;
  processor: ObjectProcessor;
  s3: S3Client;
}

/** Test seams: local clients, another sink, a fixed clock, crash injection. */
export interface RuntimeOverrides {
  s3?: S3Client;
  dynamodb?: DynamoDBClient;
  /** How objects are read (default readObjectBounded with the S3 client): the backfill's createDirectObjectReader. */
  readObject?: ObjectReader;
  sink?: CheckpointSink;
  now?: () => Date;
  crashPoints?: ObjectProcessorDeps['crashPoints'];
  /** Idempotency claims and completions written in batches (createIdempotency's `batchWrites`): the backfill's. */
  batchIdempotencyWrites?: boolean;
}

/** What makes one reporting lambda different from another. */
export interface LambdaDefinition<Row = TableRow> {
  /** The table its checkpoints hold (generated from its JSON Schema in `schemas/`). */
  table: TableDefinition;
  /**
   * The lambda's file processor for a configuration; called once per cold start. May throw a
   * ConfigurationError for settings it cannot work with.
   */
  fileProcessor(config: LambdaConfig): FileProcessor<Row>;
}

/**
 * Validates configuration (ConfigurationError listing every problem) and wires the clients, the
 * idempotency layer, the checkpoint sink and the object processor around the lambda's file processor.
 */
export function createLambdaRuntime(
  definition: LambdaDefinition,
  env: NodeJS.ProcessEnv = process.env,
  overrides: RuntimeOverrides = {}
): Runtime {
  const config = loadConfig(env, definition.table.keyPlaceholders);
  const fileProcessor = definition.fileProcessor(config);
  const observability = createObservability({
    serviceName: config.serviceName,
    namespace: config.metricsNamespace,
    logLevel: config.logLevel
  });
  const s3 = overrides.s3 ?? observability.tracer.captureAWSv3Client(createS3Client());
  const dynamodb = overrides.dynamodb ?? observability.tracer.captureAWSv3Client(new DynamoDBClient({}));
  const idempotency = createIdempotency(config.idempotencyTable, dynamodb, idempotencyKeyPrefix(env), {
    batchWrites: overrides.batchIdempotencyWrites === true
  });
  const sink =
    overrides.sink ??
    createS3CheckpointSink(
      s3,
      config.checkpointBucket,
      CheckpointTable.of(definition.table),
      observability.logger
    );
  const processor = new ObjectProcessor({
    s3,
    fileProcessor,
    sink,
    observability,
    idempotency: idempotency.wrapper,
    maxFileBytes: config.maxFileBytes,
    quarantine: { bucket: config.checkpointBucket, prefix: config.errorsPrefix },
    ...(overrides.readObject ? { readObject: overrides.readObject } : {}),
    ...(overrides.now ? { now: overrides.now } : {}),
    ...(overrides.crashPoints ? { crashPoints: overrides.crashPoints } : {})
  });
  return { config, observability, idempotency, processor, s3 };
}

/** A runtime built on first use and kept for the life of the execution environment. */
export function lazyRuntime<R>(factory: () => R): () => R {
  let runtime: R | undefined;
  return () => (runtime ??= factory());
}
