// Notification records are compared with the S3 User Guide's "Event message structure" (version 2.1)
// and its note that object keys are URL-encoded (space as '+').
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';

import { LocalAws } from '../local-aws';
import type { LocalQueue } from '../queue/local-queue';
import { decodeS3EventKey } from '@reporting/utils';

let stack: LocalAws;
let s3: S3Client;
const BUCKET = 'notified-bucket';

beforeAll(async () => {
  stack = await LocalAws.start({ s3: { buckets: [BUCKET], region: 'eu-west-1' }, dynamoDb: false });
  s3 = stack.s3Client();
});
afterAll(() => stack.stop());

/** A queue whose handler collects the S3 records it receives (ignoring S3's test event). */
function collectingQueue(): { queue: LocalQueue; records: S3Event['Records']; bodies: unknown[] } {
  const records: S3Event['Records'] = [];
  const bodies: unknown[] = [];
  const queue = stack.createQueue({
    handler: async (event: SQSEvent) => {
      for (const record of event.Records) {
        const body = JSON.parse(record.body) as Partial<S3Event> & { Event?: string };
        bodies.push(body);
        if (body.Records) records.push(...body.Records);
      }
    }
  });
  return { queue, records, bodies };
}

test('a key with a space, +, % and non-ASCII characters arrives encoded as S3 encodes it and decodes back', async () => {
  const { queue, records } = collectingQueue();
  stack.s3.putBucketNotificationConfiguration(BUCKET, {
    queueConfigurations: [{ queue, events: ['s3:ObjectCreated:*'], prefix: 'encoding/' }]
  });
  const key = 'encoding/a b+c%d/ü€😀.json';
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: '{}' }));
  await queue.drained();
  expect(records).toHaveLength(1);
  expect(records[0].s3.object.key).toBe('encoding/a+b%2Bc%25d/%C3%BC%E2%82%AC%F0%9F%98%80.json');
  expect(decodeS3EventKey(records[0].s3.object.key)).toBe(key);
});

test('an ObjectCreated:Put record has the shape of S3 event version 2.1', async () => {
  const { queue, records } = collectingQueue();
  stack.s3.putBucketNotificationConfiguration(BUCKET, {
    queueConfigurations: [{ id: 'shape-check', queue, events: ['s3:ObjectCreated:Put'], prefix: 'shape/' }]
  });
  const put = await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: 'shape/object.json', Body: '12345' })
  );
  await queue.drained();
  const [record] = records;
  expect(record).toMatchObject({
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-1',
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'shape-check',
      bucket: { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` },
      object: { key: 'shape/object.json', size: 5, eTag: put.ETag!.replace(/"/g, '') }
    }
  });
  expect(new Date(record.eventTime).toISOString()).toBe(record.eventTime);
  expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
  expect(record.s3.object.versionId).toBeUndefined(); // versioning is not enabled
});

test('sequencers are unique and increase with the order of writes to a key', async () => {
  const { queue, records } = collectingQueue();
  stack.s3.putBucketNotificationConfiguration(BUCKET, {
    queueConfigurations: [
      { queue, events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], prefix: 'sequence/' }
    ]
  });
  for (let i = 0; i < 20; i++) {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sequence/same-key', Body: String(i) }));
  }
  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'sequence/same-key' }));
  await queue.drained();
  const sequencers = records.map((r) => r.s3.object.sequencer);
  expect(new Set(sequencers).size).toBe(21);
  expect([...sequencers].sort()).toEqual(sequencers);
  expect(records[20]).toMatchObject({
    eventName: 'ObjectRemoved:Delete',
    s3: { object: { key: 'sequence/same-key' } }
  });
  expect(records[20].s3.object.size).toBeUndefined();
});

test('prefix and suffix filters route only matching keys', async () => {
  const { queue, records } = collectingQueue();
  stack.s3.putBucketNotificationConfiguration(BUCKET, {
    queueConfigurations: [{ queue, events: ['s3:ObjectCreated:*'], prefix: 'filtered/in/', suffix: '.json' }]
  });
  for (const key of [
    'filtered/in/a.json',
    'filtered/in/b.txt',
    'filtered/out/c.json',
    'filtered/in/deep/d.json'
  ]) {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x' }));
  }
  await queue.drained();
  expect(records.map((r) => r.s3.object.key)).toEqual(['filtered/in/a.json', 'filtered/in/deep/d.json']);
});

test('copies and multipart uploads are ObjectCreated:Copy and ObjectCreated:CompleteMultipartUpload', async () => {
  const { queue, records } = collectingQueue();
  stack.s3.putBucketNotificationConfiguration(BUCKET, {
    queueConfigurations: [
      { queue, events: ['s3:ObjectCreated:Copy', 's3:ObjectCreated:CompleteMultipartUpload'] }
    ]
  });
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kinds/source', Body: 'source' }));
  await s3.send(
    new CopyObjectCommand({ Bucket: BUCKET, Key: 'kinds/copy', CopySource: `${BUCKET}/kinds/source` })
  );
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'kinds/multipart' })
  );
  const { ETag } = await s3.send(
    new UploadPartCommand({ Bucket: BUCKET, Key: 'kinds/multipart', UploadId, PartNumber: 1, Body: 'part' })
  );
  await s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: BUCKET,
      Key: 'kinds/multipart',
      UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] }
    })
  );
  await queue.drained();
  expect(records.map((r) => [r.eventName, r.s3.object.key, r.s3.object.size])).toEqual([
    ['ObjectCreated:Copy', 'kinds/copy', 6],
    ['ObjectCreated:CompleteMultipartUpload', 'kinds/multipart', 4]
  ]);
});

test('saving a configuration sends S3’s s3:TestEvent to the queue, unless asked not to', async () => {
  const { queue, bodies } = collectingQueue();
  stack.s3.putBucketNotificationConfiguration(BUCKET, {
    queueConfigurations: [{ queue, events: ['s3:ObjectRemoved:*'], prefix: 'nothing/' }]
  });
  await queue.drained();
  expect(bodies).toEqual([
    expect.objectContaining({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: BUCKET })
  ]);
  stack.s3.putBucketNotificationConfiguration(
    BUCKET,
    { queueConfigurations: [{ queue, events: ['s3:ObjectRemoved:*'], prefix: 'nothing/' }] },
    { sendTestEvent: false }
  );
  await queue.drained();
  expect(bodies).toHaveLength(1);
  expect(stack.s3.getBucketNotificationConfiguration(BUCKET).queueConfigurations).toHaveLength(1);
});

test('overlapping configurations for the same event type are rejected, as S3 does', () => {
  const { queue } = collectingQueue();
  expect(() =>
    stack.s3.putBucketNotificationConfiguration(BUCKET, {
      queueConfigurations: [
        { queue, events: ['s3:ObjectCreated:*'], prefix: 'logs/' },
        { queue, events: ['s3:ObjectCreated:Put'], prefix: 'logs/2024/' }
      ]
    })
  ).toThrow(/overlap/);
});
