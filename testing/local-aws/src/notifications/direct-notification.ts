import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { DEFAULT_REGION } from '../credentials';
import { buildS3EventRecord } from './s3-event-record';

/**
 * Uploads an object and returns the S3 notification a direct invocation would receive for it: the
 * record the local S3 sends to a queue (key URL-encoded, ETag unquoted), built from the upload's response.
 */
export async function uploadWithNotification(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string
): Promise<S3Event> {
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const record = buildS3EventRecord(
    {
      bucket,
      key,
      eventName: 'ObjectCreated:Put',
      size: head.ContentLength,
      eTag: head.ETag!.replace(/"/g, ''),
      // Increasing, as S3's are; only the order of sequencers means anything.
      sequencer: process.hrtime.bigint().toString(16).toUpperCase().padStart(18, '0'),
      eventTime: head.LastModified ?? new Date(),
      requestId: put.$metadata.requestId ?? 'local',
      sourceIp: '127.0.0.1'
    },
    DEFAULT_REGION,
    'direct-invocation'
  );
  return { Records: [record] };
}
