import { readBody } from './request-payload';
import type { S3HandlerContext } from './s3-handler-context';
import { S3Error } from './s3-error';

/**
 * PostObject (browser form upload) is refused with 501 NotImplemented rather than handed to s3rver:
 * s3rver's store writes the object file in place, and object files here must never change once
 * written (composite objects and copied parts hard-link them, see ObjectStore).
 */
export async function handlePostObject(context: S3HandlerContext): Promise<void> {
  await readBody(context.req);
  throw new S3Error(
    501,
    'NotImplemented',
    'A header you provided implies functionality that is not implemented (PostObject form uploads).'
  );
}
