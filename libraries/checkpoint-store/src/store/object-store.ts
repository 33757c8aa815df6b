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
   * Starts writing an object whose bytes come in pieces as they are produced (a large file encoded
   * row group by row group): nothing is visible until `complete`, which writes it only if `condition`
   * holds. On S3 a multipart upload, so the writer never holds the whole file.
   */
  beginUpload(key: string, condition: WriteCondition): ObjectUpload;
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

/** An object being written in pieces: `append` them, then `complete` (or `abort`: nothing is written). */
export interface ObjectUpload {
  /**
   * Adds bytes at the end; the caller never changes them again. Resolves when the upload can take
   * more (on S3: when few enough parts are on the wire), so a fast producer waits for the network.
   */
  append(chunks: readonly Uint8Array[]): Promise<void>;
  /** Writes the object if the condition still holds, else throws PreconditionFailedError. */
  complete(): Promise<WriteResult>;
  /** Gives the upload up: nothing is written, and what was sent is discarded. */
  abort(): Promise<void>;
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
