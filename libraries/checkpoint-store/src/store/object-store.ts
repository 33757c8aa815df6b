/**
 * The few S3 operations a checkpoint needs, behind an interface so the byte-level logic runs
 * against memory in unit tests and against S3 (or the local S3) elsewhere.
 */
export interface ObjectStore {
  /** The last `length` bytes (fewer if the object is smaller), or undefined when there is no object. */
  readTail(key: string, length: number): Promise<TailRead | undefined>;
  /**
   * Bytes [start, end) of the object, only if its ETag is still `etag`: otherwise throws
   * PreconditionFailedError.
   */
  readRange(key: string, start: number, end: number, etag: string): Promise<Uint8Array>;
  /** Writes the whole object if `condition` holds, else throws PreconditionFailedError. */
  write(key: string, body: Uint8Array, condition: WriteCondition): Promise<WriteResult>;
  /**
   * Writes `tail` after the first `prefix.length` bytes of the current object (whose ETag must be
   * `prefix.etag`) without sending those bytes again: on S3 a multipart upload whose first part
   * is UploadPartCopy of the prefix. `prefix.length` must be at least `minimumPrefixBytes`.
   */
  writeWithCopiedPrefix(
    key: string,
    prefix: { etag: string; length: number },
    tail: Uint8Array,
    condition: WriteCondition
  ): Promise<WriteResult>;
  /** Smallest prefix writeWithCopiedPrefix accepts (S3: 5 MiB, the minimum size of a non-final part). */
  readonly minimumPrefixBytes: number;
}

export interface TailRead {
  readonly bytes: Uint8Array;
  readonly etag: string;
  /** Size of the whole object. */
  readonly size: number;
}

export interface WriteResult {
  readonly etag: string;
}

/** `ifMatch`: replace exactly the version read; `ifNoneMatch: '*'`: create only if absent. */
export type WriteCondition = { readonly ifMatch: string } | { readonly ifNoneMatch: '*' };

/** A conditional request lost: the object changed (or appeared, or vanished) since it was read. */
export class PreconditionFailedError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'PreconditionFailedError';
  }
}

/** S3's minimum size of a multipart part other than the last. */
export const S3_MINIMUM_PART_BYTES = 5 * 1024 * 1024;
