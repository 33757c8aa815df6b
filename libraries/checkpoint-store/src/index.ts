export { CheckpointTable } from './checkpoint-table';
export type { TableRow } from './table/table-row';
export type { ColumnBatch } from './table/column-batch';
export {
  ColumnVector,
  columnVector,
  type ColumnVectorOptions,
  DoubleVector,
  Int32Vector,
  Int64Vector,
  BooleanVector,
  StringVector
} from './table/column-vector';
export { schemaElementsFromTable, SOURCE_KEY, SOURCE_VERSION, INGESTED_AT } from './table/table-layout';
export type { AppendResult, AppendBatchesResult, CheckpointWriteOptions, SourceBatch } from './append';
export type { CompactResult } from './compact';
export type { ReplaceResult } from './replace';
export type { CheckpointStats } from './read';
export { readFileColumns, fileColumnsFromSchema } from './file-columns';
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
export {
  timestampMicrosFromIso,
  isoFromTimestampMicros,
  daysFromIsoDate,
  isoDateFromDays
} from './timestamps';
