import type { IncomingMessage } from 'node:http';

import { etagListMatches } from './read-preconditions';
import { header } from './s3-handler-context';
import { S3Error, s3Errors } from './s3-error';

/**
 * Conditional writes (PutObject, CompleteMultipartUpload), as S3 documents them:
 * `If-None-Match: *` fails with 412 when the key exists; `If-Match: <etag>` fails with 412 when the
 * current ETag differs and with 404 NoSuchKey when there is no object. Throws the S3Error to answer.
 * The caller holds the key's exclusive lock, so the check and the write are one step.
 */
export function checkWritePreconditions(
  req: IncomingMessage,
  key: string,
  current: { etag: string } | undefined
): void {
  const ifNoneMatch = header(req, 'if-none-match');
  const ifMatch = header(req, 'if-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') {
      throw new S3Error(
        501,
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        {
          Header: 'If-None-Match'
        }
      );
    }
    if (current) throw s3Errors.preconditionFailed('If-None-Match');
  }
  if (ifMatch !== undefined) {
    if (!current) throw s3Errors.noSuchKey(key);
    if (!etagListMatches(ifMatch, current.etag)) throw s3Errors.preconditionFailed('If-Match');
  }
}
