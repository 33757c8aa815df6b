// Configuration, runtime and the handler every trigger shares.
export { loadConfig, defaultKeyTemplate, CONFIG_VARIABLES, type LambdaConfig } from './config';
export {
  createLambdaRuntime,
  lazyRuntime,
  type Runtime,
  type RuntimeOverrides,
  type LambdaDefinition
} from './runtime';
export { createHandler, type HandlerRuntime, type DirectResponse, type LambdaResponse } from './handler';
export { recordLambda, type RecordLambdaRules } from './record-lambda';
// Triggers and AWS clients.
export { createS3Client } from './s3-client';
export {
  classifyTrigger,
  parseS3Notification,
  parseSqsS3Message,
  parseEventBridgeS3,
  objectVersionTag,
  type ObjectRef,
  type ObjectChange,
  type TriggerEvent
} from './notifications';
export { readObjectBounded, type ObjectRead, type ObjectReader } from './read-object';
export { createDirectObjectReader } from './direct-object-reader';
export { createObservability, type Observability } from './observability';
// Per-object processing: a file's bytes → verdict → checkpoint commit or quarantine.
export type { FileProcessor, FileVerdict, FileContext } from './file-processor';
export { parseJsonFile, type ParsedJsonFile } from './json-file';
export {
  parseRecords,
  INPUT_FORMATS,
  isInputFormat,
  MAX_REPORTED_RECORDS,
  type InputFormat,
  type ParsedRecords,
  type RecordSchema,
  type PropertySchema
} from './input';
export { keySegment, assertKeyTemplate, renderCheckpointKey } from './checkpoint-key';
export type { CheckpointSink, SinkAppendResult, SourceBatch } from './checkpoint-sink';
export { createS3CheckpointSink } from './s3-checkpoint-sink';
export { quarantineKey, quarantineRecord, writeQuarantineRecord, type QuarantineRecord } from './quarantine';
export {
  createIdempotency,
  IDEMPOTENCY_KEY_ATTRIBUTE,
  IDEMPOTENCY_TTL_ATTRIBUTE,
  IDEMPOTENCY_EXPIRY_SECONDS,
  IDEMPOTENCY_DATA_ATTRIBUTE,
  type IdempotencyOptions,
  type IdempotencyWrapper,
  type LambdaIdempotency,
  type ObjectIdentity
} from './idempotency';
export {
  idempotencyKey,
  idempotencyKeyPrefix,
  IDEMPOTENCY_STATUS_ATTRIBUTE,
  IDEMPOTENCY_STATUS_COMPLETED
} from './idempotency-key';
export {
  CHANGE_STATUSES,
  CheckpointSaveError,
  type ObjectOutcome,
  type ObjectPreview,
  type ChangeResult,
  type ChangeProcessor
} from './outcomes';
export { BatchedPersistenceLayer } from './batched-persistence-layer';
export { BATCH_WRITE_ITEMS } from './batched-completions';
export { TRANSACT_WRITE_ITEMS } from './batched-claims';
export { summarize, countByStatus, appendedPerCheckpoint } from './summarize';
export { ObjectProcessor, identityOf, type ObjectProcessorDeps, type CrashPoint } from './object-processor';
