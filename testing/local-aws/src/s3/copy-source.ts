import type { IncomingMessage } from 'node:http';

import { evaluateReadPreconditions } from './read-preconditions';
import { header } from './s3-handler-context';
import { S3Error, s3Errors } from './s3-error';

/** The object named by `x-amz-copy-source` (URL-encoded `bucket/key`, optional leading slash and `?versionId=`). */
export interface CopySource {
  bucket: string;
  key: string;
}

export function parseCopySource(value: string): CopySource {
  const withoutVersion = value.split('?')[0];
  // decodeURIComponent, not decodeURI: s3rver's decodeURI left %2B %3D %26 encoded and failed on `+ = &`.
  const decoded = decodeURIComponent(
    withoutVersion.startsWith('/') ? withoutVersion.slice(1) : withoutVersion
  );
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw s3Errors.invalidArgument('Invalid copy source object key', 'x-amz-copy-source', value);
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

/** The x-amz-copy-source-if-* headers: a failed condition is 412 PreconditionFailed (also for "not modified"). */
export function checkCopySourcePreconditions(
  req: IncomingMessage,
  source: { etag: string; lastModified: Date }
): void {
  const outcome = evaluateReadPreconditions(
    {
      ifMatch: header(req, 'x-amz-copy-source-if-match'),
      ifNoneMatch: header(req, 'x-amz-copy-source-if-none-match'),
      ifModifiedSince: header(req, 'x-amz-copy-source-if-modified-since'),
      ifUnmodifiedSince: header(req, 'x-amz-copy-source-if-unmodified-since')
    },
    source
  );
  if (outcome !== 'proceed') {
    throw new S3Error(
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      {
        Condition: 'x-amz-copy-source-If-*'
      }
    );
  }
}
