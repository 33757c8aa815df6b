// GetObject / HeadObject API reference: If-Match false → 412; If-None-Match matching → 304 Not Modified.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;
let key: string;
let etag: string;

beforeAll(async () => {
  target = await openConformanceTarget('read-cond');
  s3 = target.client();
  key = `${target.prefix}object`;
  etag = (await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: 'content' }))).ETag!;
});
afterAll(() => target.close());

test('GetObject with a stale If-Match fails with 412 PreconditionFailed', async () => {
  expect(
    await s3Failure(
      s3.send(
        new GetObjectCommand({
          Bucket: target.bucket,
          Key: key,
          IfMatch: '"0123456789abcdef0123456789abcdef"'
        })
      )
    )
  ).toEqual({ name: 'PreconditionFailed', status: 412 });
});

test('GetObject with the current If-Match returns the object', async () => {
  const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key, IfMatch: etag }));
  expect(await result.Body!.transformToString()).toBe('content');
});

test('HeadObject with a matching If-None-Match answers 304 Not Modified', async () => {
  const failure = await s3Failure(
    s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key, IfNoneMatch: etag }))
  );
  expect(failure.status).toBe(304);
});

test('GetObject of a missing key fails with 404 NoSuchKey', async () => {
  expect(
    await s3Failure(s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: `${target.prefix}missing` })))
  ).toEqual({ name: 'NoSuchKey', status: 404 });
});
