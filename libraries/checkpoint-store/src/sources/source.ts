import { createHash } from 'crypto';

/** The S3 object a batch of rows came from: applied to a checkpoint at most once. */
export interface Source {
  /** Object key; include the bucket (`s3://bucket/key`) where several buckets feed one checkpoint. */
  readonly key: string;
  /** Version id, or the ETag where the bucket is not versioned. An overwritten object is a new source. */
  readonly version: string;
}

/** 8-byte fingerprint of a source (first 8 bytes of SHA-256 over key NUL version), as 16 hex digits. */
export function sourceFingerprint(source: Source): string {
  return createHash('sha256')
    .update(source.key)
    .update('\0')
    .update(source.version)
    .digest('hex')
    .slice(0, 16);
}

export function describeSource(source: Source): string {
  return `${source.key} (version ${source.version})`;
}
