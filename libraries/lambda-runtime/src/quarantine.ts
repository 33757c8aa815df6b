import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { QuarantineRecord } from '@reporting/schemas';
import { objectVersionTag, type ObjectRef } from './notifications';

export type { QuarantineRecord };

/**
 * The record's key: partitioned by day for Athena/DuckDB (`{prefix}dt=YYYY-MM-DD/…`) and derived from the
 * source version, so that re-quarantining the same file overwrites its record instead of adding one.
 */
export function quarantineKey(errorsPrefix: string, object: ObjectRef, at: Date): string {
  const id = createHash('sha256')
    .update(`${object.bucket}\0${object.key}\0${objectVersionTag(object)}`)
    .digest('hex')
    .slice(0, 32);
  return `${errorsPrefix}dt=${at.toISOString().slice(0, 10)}/${id}.json`;
}

export function quarantineRecord(object: ObjectRef, reasons: string[], at: Date): QuarantineRecord {
  return {
    source_bucket: object.bucket,
    source_key: object.key,
    source_version: objectVersionTag(object),
    reasons,
    quarantined_at: at.toISOString()
  };
}

/** Writes the quarantine record of one invalid file; returns its key. */
export async function writeQuarantineRecord(
  client: S3Client,
  bucket: string,
  errorsPrefix: string,
  object: ObjectRef,
  reasons: string[],
  at: Date = new Date()
): Promise<string> {
  const key = quarantineKey(errorsPrefix, object, at);
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: Buffer.from(JSON.stringify(quarantineRecord(object, reasons, at)) + '\n'),
      ContentType: 'application/json'
    })
  );
  return key;
}
