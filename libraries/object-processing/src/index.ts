export type { FileProcessor, FileVerdict, FileContext } from './file-processor';
export { parseJsonFile, type ParsedJsonFile } from './json-file';
export { keySegment, assertKeyTemplate, renderCheckpointKey } from './checkpoint-key';
export type { CheckpointSink, SinkAppendResult, SourceBatch } from './checkpoint-sink';
export { createS3CheckpointSink } from './s3-checkpoint-sink';
export { quarantineKey, quarantineRecord, writeQuarantineRecord, type QuarantineRecord } from './quarantine';
export {
  createIdempotency,
  IDEMPOTENCY_KEY_ATTRIBUTE,
  IDEMPOTENCY_TTL_ATTRIBUTE,
  IDEMPOTENCY_EXPIRY_SECONDS,
  type IdempotencyWrapper,
  type LambdaIdempotency,
  type ObjectIdentity
} from './idempotency';
export { CHANGE_STATUSES, type ObjectOutcome, type ChangeResult, type ChangeProcessor } from './outcomes';
export { summarize, countByStatus, appendedPerCheckpoint } from './summarize';
export { ObjectProcessor, identityOf, type ObjectProcessorDeps, type CrashPoint } from './object-processor';
export {
  backfill,
  listObjectChanges,
  formatProgress,
  formatSummary,
  tallyResults,
  mergeTallies,
  runRounds,
  type BackfillTally,
  type RoundRunner,
  type BackfillOptions,
  type BackfillProgress,
  type BackfillSummary
} from './backfill';
export {
  runBackfillCommand,
  parseBackfillArgs,
  backfillContext,
  backfillUsage,
  backfillWith,
  DEFAULT_BACKFILL_WORKERS,
  type BackfillRunOptions,
  type BackfillArgs,
  type BackfillCommand,
  type BackfillRuntime
} from './backfill-cli';
export { BackfillWorkerPool, type BackfillWorkerModule } from './backfill-workers';
export { roundRunner, BACKFILL_LEASE_MS } from './backfill-round';
export { createBackfillClients, BACKFILL_MAX_SOCKETS, type BackfillClients } from './backfill-clients';
