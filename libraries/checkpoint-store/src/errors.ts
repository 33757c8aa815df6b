/** Base class of every error this library throws on purpose. */
export class CheckpointError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The object at the checkpoint key is not a parquet file at all. It is never overwritten. */
export class NotParquetError extends CheckpointError {}

/** The object looks like parquet but its footer or layout is damaged. It is never overwritten. */
export class CorruptCheckpointError extends CheckpointError {}

/** A parquet file whose columns cannot hold checkpoint rows without loss. It is never overwritten. */
export class IncompatibleSchemaError extends CheckpointError {}

/** Every conditional commit attempt lost to a concurrent writer. Nothing was written by this call. */
export class CommitConflictError extends CheckpointError {}

/** Rows handed to append that do not fit the checkpoint columns. */
export class InvalidRowError extends CheckpointError {}
