import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { ObjectRef } from './notifications';

export type ObjectRead =
  | { status: 'ok'; bytes: Buffer }
  | { status: 'too-large'; size: number }
  /** The key (or that version) was deleted before it could be read. */
  | { status: 'gone' }
  /** The key now holds other bytes than the notification announced (an overwrite has its own notification). */
  | { status: 'superseded' };

const errorName = (error: unknown): string | undefined => (error as { name?: string }).name;
const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/**
 * Reads exactly the object version a notification announced (its version id and/or ETag), at most
 * `maxBytes`: a larger object is reported as too large after reading at most `maxBytes + 1` bytes,
 * never buffered whole. Other failures (throttling, 5xx) are thrown for the caller to retry.
 */
export async function readObjectBounded(
  client: S3Client,
  object: ObjectRef,
  maxBytes: number
): Promise<ObjectRead> {
  let response;
  try {
    response = await client.send(
      new GetObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        ...(object.versionId ? { VersionId: object.versionId } : {}),
        ...(object.eTag ? { IfMatch: `"${object.eTag.replace(/"/g, '')}"` } : {})
      })
    );
  } catch (error) {
    const name = errorName(error);
    if (name === 'NoSuchKey' || name === 'NoSuchVersion' || statusOf(error) === 404)
      return { status: 'gone' };
    if (name === 'PreconditionFailed' || statusOf(error) === 412) return { status: 'superseded' };
    throw error;
  }
  const body = response.Body as Readable | undefined;
  const declared = response.ContentLength;
  if (declared !== undefined && declared > maxBytes) {
    body?.destroy();
    return { status: 'too-large', size: declared };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body ?? []) {
    const buffer = Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      body?.destroy();
      return { status: 'too-large', size: declared ?? total };
    }
    chunks.push(buffer);
  }
  return { status: 'ok', bytes: Buffer.concat(chunks, total) };
}
