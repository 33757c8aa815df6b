import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { ObjectRef } from './notifications';

export type ObjectRead =
  | { status: 'ok'; bytes: Buffer; eTag?: string; versionId?: string }
  | { status: 'too-large'; size: number }
  | { status: 'gone' };

/**
 * Reads one object version, at most `maxBytes`: a larger object is reported as too large after reading
 * at most `maxBytes + 1` bytes, never buffered whole. A key (or version) deleted before it could be read
 * is `gone`. Other failures (throttling, 5xx) are thrown for the caller to retry.
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
        ...(object.versionId ? { VersionId: object.versionId } : {})
      })
    );
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (
      error instanceof NoSuchKey ||
      name === 'NoSuchKey' ||
      name === 'NoSuchVersion' ||
      name === 'NotFound'
    ) {
      return { status: 'gone' };
    }
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
  return {
    status: 'ok',
    bytes: Buffer.concat(chunks, total),
    ...(response.ETag ? { eTag: response.ETag } : {}),
    ...(response.VersionId ? { versionId: response.VersionId } : {})
  };
}
