import {
  CheckpointError,
  CommitConflictError,
  CorruptCheckpointError,
  IncompatibleSchemaError,
  InvalidRowError,
  NotParquetError
} from './errors';

describe('checkpoint errors', () => {
  // The deployed bundle is minified: a name taken from the class would be a mangled one in the logs.
  it.each([
    [CheckpointError, 'CheckpointError'],
    [NotParquetError, 'NotParquetError'],
    [CorruptCheckpointError, 'CorruptCheckpointError'],
    [IncompatibleSchemaError, 'IncompatibleSchemaError'],
    [CommitConflictError, 'CommitConflictError'],
    [InvalidRowError, 'InvalidRowError']
  ])('%p names itself in its stack and String()', (ErrorClass, name) => {
    const error = new ErrorClass('checkpoints/a/b.parquet: damaged');
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: checkpoints/a/b.parquet: damaged`);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
  });
});
