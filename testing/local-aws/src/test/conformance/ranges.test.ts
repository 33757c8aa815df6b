// Expectations from the GetObject API reference (Range) and RFC 9110 §14.1.2, which S3 follows for a
// single range: first-last, first- (to the end) and -suffix (the last N bytes).
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;
const BODY = '0123456789abcdefghij'; // 20 bytes
let key: string;

beforeAll(async () => {
  target = await openConformanceTarget('ranges');
  s3 = target.client();
  key = `${target.prefix}twenty-bytes`;
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: BODY }));
});
afterAll(() => target.close());

async function getRange(range: string) {
  const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key, Range: range }));
  return {
    body: await result.Body!.transformToString(),
    contentRange: result.ContentRange,
    length: result.ContentLength
  };
}

test('bytes=first-last returns those bytes inclusive with 206 and Content-Range', async () => {
  expect(await getRange('bytes=2-5')).toEqual({ body: '2345', contentRange: 'bytes 2-5/20', length: 4 });
});

test('bytes=0-0 returns exactly the first byte', async () => {
  expect(await getRange('bytes=0-0')).toEqual({ body: '0', contentRange: 'bytes 0-0/20', length: 1 });
});

test('bytes=first- returns the rest of the object', async () => {
  expect(await getRange('bytes=15-')).toEqual({ body: 'fghij', contentRange: 'bytes 15-19/20', length: 5 });
});

test('bytes=-N (suffix range) returns the last N bytes', async () => {
  expect(await getRange('bytes=-4')).toEqual({ body: 'ghij', contentRange: 'bytes 16-19/20', length: 4 });
});

test('a suffix longer than the object returns the whole object', async () => {
  expect(await getRange('bytes=-100')).toEqual({ body: BODY, contentRange: 'bytes 0-19/20', length: 20 });
});

test('a last byte past the end is clamped to the end', async () => {
  expect(await getRange('bytes=18-100')).toEqual({ body: 'ij', contentRange: 'bytes 18-19/20', length: 2 });
});

test('a first byte past the end fails with 416 InvalidRange', async () => {
  expect(await s3Failure(getRange('bytes=20-25'))).toEqual({ name: 'InvalidRange', status: 416 });
});
