import type { S3EventRecord } from 'aws-lambda';

import type { ObjectChange } from '../s3/s3-handler-context';
import { encodeS3EventKey } from '@reporting/utils';

const OWNER_PRINCIPAL = 'A3LOCALAWSOWNER';

/** A record shaped as S3 sends it (event structure version 2.1), for one object change. */
export function buildS3EventRecord(
  change: ObjectChange,
  region: string,
  configurationId: string
): S3EventRecord {
  const object: S3EventRecord['s3']['object'] = {
    key: encodeS3EventKey(change.key),
    sequencer: change.sequencer
  } as S3EventRecord['s3']['object'];
  if (change.size !== undefined) object.size = change.size;
  if (change.eTag !== undefined) object.eTag = change.eTag;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: change.eventTime.toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: `AWS:${OWNER_PRINCIPAL}` },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: {
      'x-amz-request-id': change.requestId,
      'x-amz-id-2': Buffer.from(change.requestId).toString('base64')
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: OWNER_PRINCIPAL },
        arn: `arn:aws:s3:::${change.bucket}`
      },
      object
    }
  };
}

/** The message S3 sends to a queue when a notification configuration is saved. */
export function buildS3TestEvent(bucket: string, time: Date): Record<string, string> {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: time.toISOString(),
    Bucket: bucket,
    RequestId: Math.random().toString(16).slice(2, 18).toUpperCase(),
    HostId: Buffer.from(`${bucket}${time.getTime()}`).toString('base64')
  };
}
