export {
  type CheckpointRow,
  type LineageFields,
  type StoredCheckpointRow,
  type CheckpointColumn,
  type ColumnKind,
  EVENT_COLUMNS,
  LINEAGE_COLUMNS,
  CHECKPOINT_COLUMNS,
  CHECKPOINT_COLUMN_NAMES,
  checkpointSchemaElements
} from './checkpoint-schema';
export { schemaElementsFromTable } from './table-schema-elements';
export {
  append,
  appendBatches,
  type AppendResult,
  type AppendBatchesResult,
  type CheckpointWriteOptions,
  type SourceBatch
} from './append';
export { compactCheckpoint, type CompactResult } from './compact';
export { readCheckpointRows, readCheckpointColumns, checkpointStats, type CheckpointStats } from './read';
export type { CheckpointColumns } from './parquet/row-decoder';
export { type Source, sourceFingerprint } from './sources/source';
export { DEFAULT_APPLIED_SOURCES_CAPACITY } from './sources/applied-sources';
export { DEFAULT_ROW_GROUP_ROWS, DEFAULT_MAX_ROW_GROUPS, planTailMerge } from './merge-plan';
export type { RetryOptions } from './commit-retry';
export type { CheckpointLogger } from './logger';
export {
  CheckpointError,
  NotParquetError,
  CorruptCheckpointError,
  IncompatibleSchemaError,
  CommitConflictError,
  InvalidRowError
} from './errors';
export {
  type ObjectStore,
  type TailRead,
  type WriteCondition,
  type WriteResult,
  PreconditionFailedError,
  S3_MINIMUM_PART_BYTES
} from './store/object-store';
export { S3ObjectStore } from './store/s3-object-store';
export {
  MemoryObjectStore,
  type MemoryObjectStoreOptions,
  type MemoryObjectStoreTraffic
} from './store/memory-object-store';
export { timestampMicrosFromIso, isoFromTimestampMicros, checkpointRowFromEvent } from './timestamps';
