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

/** Reads one announced object version, at most `maxBytes` (readObjectBounded or createDirectObjectReader). */
export type ObjectReader = (object: ObjectRef, maxBytes: number) => Promise<ObjectRead>;

const errorName = (error: unknown): string | undefined => (error as { name?: string }).name;
const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** What a failed GET of an announced version means for it, or undefined for a failure to retry. */
export function readOutcomeOfError(error: unknown): ObjectRead | undefined {
  const name = errorName(error);
  if (name === 'NoSuchKey' || name === 'NoSuchVersion' || statusOf(error) === 404) return { status: 'gone' };
  if (name === 'PreconditionFailed' || statusOf(error) === 412) return { status: 'superseded' };
  return undefined;
}

/** The If-Match value that pins a GET to the announced bytes (S3 wants the ETag quoted). */
export const ifMatchOf = (object: ObjectRef): string | undefined =>
  object.eTag ? `"${object.eTag.replace(/"/g, '')}"` : undefined;

/**
 * Reads a response body of `declared` bytes (the Content-Length, when known) whole, or stops after
 * `maxBytes + 1` bytes and reports the object as too large: never buffered whole.
 */
export async function readBoundedBody(
  body: Readable | undefined,
  declared: number | undefined,
  maxBytes: number
): Promise<ObjectRead> {
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
  const ifMatch = ifMatchOf(object);
  let response;
  try {
    response = await client.send(
      new GetObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        ...(object.versionId ? { VersionId: object.versionId } : {}),
        ...(ifMatch ? { IfMatch: ifMatch } : {})
      })
    );
  } catch (error) {
    const outcome = readOutcomeOfError(error);
    if (outcome) return outcome;
    throw error;
  }
  return readBoundedBody(response.Body as Readable | undefined, response.ContentLength, maxBytes);
}
