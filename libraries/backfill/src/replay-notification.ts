import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { ObjectChange } from '@reporting/lambda-runtime';
import { encodeS3EventKey } from '@reporting/utils';

/** The `s3.configurationId` of replayed records: tells them from S3's own in logs. */
export const REPLAY_CONFIGURATION_ID = 'backfill-replay';

/**
 * The SQS message body of one replayed object: an S3 event notification (structure 2.1, one record,
 * key URL-encoded as S3 encodes it) — what the lambda's `parseSqsS3Message` reads from S3's own.
 */
export function replayNotification(
  change: Extract<ObjectChange, { kind: 'created' }>,
  region: string,
  eventTime: Date
): string {
  const { object } = change;
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: eventTime.toISOString(),
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: REPLAY_CONFIGURATION_ID,
      bucket: { name: object.bucket, arn: `arn:aws:s3:::${object.bucket}` },
      object: {
        key: encodeS3EventKey(object.key),
        ...(object.size !== undefined ? { size: object.size } : {}),
        ...(object.eTag !== undefined ? { eTag: object.eTag } : {})
      }
    }
  } as unknown as S3EventRecord; // no userIdentity/requestParameters: a replay has no request behind it
  return JSON.stringify({ Records: [record] } satisfies S3Event);
}
