import type { IncomingMessage } from 'node:http';

/** What an S3 request (path style: /bucket/key?query) is about. */
export interface S3RequestTarget {
  bucket: string | undefined;
  key: string | undefined;
  query: URLSearchParams;
  operation: string;
}

function has(query: URLSearchParams, name: string): boolean {
  return query.has(name);
}

function operationOf(
  method: string,
  bucket: string | undefined,
  key: string | undefined,
  req: IncomingMessage,
  query: URLSearchParams
): string {
  const copy = req.headers['x-amz-copy-source'] !== undefined;
  if (!bucket) return method === 'GET' ? 'ListBuckets' : 'Unknown';
  if (key === undefined) {
    switch (method) {
      case 'GET':
        if (has(query, 'uploads')) return 'ListMultipartUploads';
        if (has(query, 'notification')) return 'GetBucketNotificationConfiguration';
        if (query.get('list-type') === '2') return 'ListObjectsV2';
        return [...query.keys()].some(
          (name) => !['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(name)
        )
          ? 'BucketSubresource'
          : 'ListObjects';
      case 'HEAD':
        return 'HeadBucket';
      case 'PUT':
        if (has(query, 'notification')) return 'PutBucketNotificationConfiguration';
        return [...query.keys()].length ? 'BucketSubresource' : 'CreateBucket';
      case 'DELETE':
        return [...query.keys()].length ? 'BucketSubresource' : 'DeleteBucket';
      case 'POST':
        return has(query, 'delete') ? 'DeleteObjects' : 'PostObject';
      default:
        return 'Unknown';
    }
  }
  switch (method) {
    case 'GET':
      if (has(query, 'uploadId')) return 'ListParts';
      if (has(query, 'tagging') || has(query, 'acl')) return 'ObjectSubresource';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (has(query, 'uploadId')) return copy ? 'UploadPartCopy' : 'UploadPart';
      if (has(query, 'tagging') || has(query, 'acl')) return 'ObjectSubresource';
      return copy ? 'CopyObject' : 'PutObject';
    case 'POST':
      if (has(query, 'uploads')) return 'CreateMultipartUpload';
      if (has(query, 'uploadId')) return 'CompleteMultipartUpload';
      return 'Unknown';
    case 'DELETE':
      if (has(query, 'uploadId')) return 'AbortMultipartUpload';
      if (has(query, 'tagging')) return 'ObjectSubresource';
      return 'DeleteObject';
    default:
      return 'Unknown';
  }
}

export function parseS3RequestTarget(req: IncomingMessage): S3RequestTarget {
  // Parsed by hand: URL() would resolve '.' and '..' segments, which are legal in S3 keys.
  const raw = req.url ?? '/';
  const questionMark = raw.indexOf('?');
  const path = questionMark < 0 ? raw : raw.slice(0, questionMark);
  const query = new URLSearchParams(questionMark < 0 ? '' : raw.slice(questionMark + 1));
  const slash = path.indexOf('/', 1);
  const bucketPart = slash < 0 ? path.slice(1) : path.slice(1, slash);
  const bucket = bucketPart ? decodeURIComponent(bucketPart) : undefined;
  const keyPart = slash < 0 ? '' : path.slice(slash + 1);
  const key = keyPart ? decodeURIComponent(keyPart) : undefined;
  return { bucket, key, query, operation: operationOf(req.method ?? 'GET', bucket, key, req, query) };
}
