import type { WriteCondition } from './object-store';

/** The S3 request fields of a write condition (PutObject, CompleteMultipartUpload). */
export function conditionHeaders(condition: WriteCondition): { IfMatch?: string; IfNoneMatch?: string } {
  return 'ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: '*' };
}

/** The ETag of a write's response: the version a later conditional request names. */
export function requireEtag(etag: string | undefined): string {
  if (etag === undefined || etag === '') throw new Error('S3 response has no ETag');
  return etag;
}
