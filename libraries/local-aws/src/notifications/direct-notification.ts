import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { encodeS3EventKey } from './s3-event-key';

/**
 * Uploads an object and returns the S3 notification a direct invocation would receive for it (key
 * URL-encoded and ETag unquoted, as S3 sends them).
 */
export async function uploadWithNotification(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string
): Promise<{ Records: object[] }> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: {
          bucket: { name: bucket },
          object: { key: encodeS3EventKey(key), eTag: head.ETag!.replace(/"/g, ''), size: head.ContentLength }
        }
      }
    ]
  };
}
