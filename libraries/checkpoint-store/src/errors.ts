/**
 * Base class of every error this library throws on purpose. Each class names itself in a literal:
 * the deployed bundle is minified, so class names are not the names in the source.
 */
export class CheckpointError extends Error {
  public override readonly name: string = 'CheckpointError';
}

/** The object at the checkpoint key is not a parquet file at all. It is never overwritten. */
export class NotParquetError extends CheckpointError {
  public override readonly name = 'NotParquetError';
}

/** The object looks like parquet but its footer or layout is damaged. It is never overwritten. */
export class CorruptCheckpointError extends CheckpointError {
  public override readonly name = 'CorruptCheckpointError';
}

/** A parquet file whose columns cannot hold checkpoint rows without loss. It is never overwritten. */
export class IncompatibleSchemaError extends CheckpointError {
  public override readonly name = 'IncompatibleSchemaError';
}

/** Every conditional commit attempt lost to a concurrent writer. Nothing was written by this call. */
export class CommitConflictError extends CheckpointError {
  public override readonly name = 'CommitConflictError';
}

/** Rows handed to append that do not fit the checkpoint columns. */
export class InvalidRowError extends CheckpointError {
  public override readonly name = 'InvalidRowError';
}
