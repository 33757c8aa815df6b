/**
 * GetObject/HeadObject conditional headers, evaluated as S3 documents them:
 * If-Match false → 412; If-Unmodified-Since false → 412 unless If-Match is true;
 * If-None-Match false (the ETag matches) → 304, whatever If-Modified-Since says; otherwise
 * If-Modified-Since false → 304 (only when If-None-Match is absent, as in RFC 7232).
 */
export type ReadPreconditionOutcome = 'proceed' | 'not-modified' | 'precondition-failed';

export interface ReadPreconditionHeaders {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

/** Compares ETags the way S3 does: quotes and a weak prefix do not matter; '*' matches any object. */
export function etagListMatches(header: string, etag: string): boolean {
  const plain = etag.replace(/"/g, '');
  return header
    .split(',')
    .map((item) => item.trim().replace(/^W\//, '').replace(/"/g, ''))
    .some((item) => item === '*' || item === plain);
}

function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function evaluateReadPreconditions(
  headers: ReadPreconditionHeaders,
  object: { etag: string; lastModified: Date }
): ReadPreconditionOutcome {
  // HTTP dates have whole seconds.
  const modifiedSeconds = Math.floor(object.lastModified.getTime() / 1000);
  const ifMatch = headers.ifMatch === undefined ? undefined : etagListMatches(headers.ifMatch, object.etag);
  if (ifMatch === false) return 'precondition-failed';
  const unmodifiedSince = parseDate(headers.ifUnmodifiedSince);
  if (
    ifMatch === undefined &&
    unmodifiedSince &&
    modifiedSeconds > Math.floor(unmodifiedSince.getTime() / 1000)
  ) {
    return 'precondition-failed';
  }
  if (headers.ifNoneMatch !== undefined && etagListMatches(headers.ifNoneMatch, object.etag))
    return 'not-modified';
  const modifiedSince = parseDate(headers.ifModifiedSince);
  if (
    headers.ifNoneMatch === undefined &&
    modifiedSince &&
    modifiedSeconds <= Math.floor(modifiedSince.getTime() / 1000)
  )
    return 'not-modified';
  return 'proceed';
}
