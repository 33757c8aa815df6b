// CopyObject API reference: x-amz-copy-source is the URL-encoded "bucket/key"; the copy has the
// source's bytes; a failed x-amz-copy-source-if-match is 412 PreconditionFailed.
import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;

beforeAll(async () => {
  target = await openConformanceTarget('copy');
  s3 = target.client();
});
afterAll(() => target.close());

test.each(['plus+sign', 'equals=sign', 'amp&ersand', 'space here', 'ünï/cødé', 'percent%41'])(
  'copying a key with special characters (%s) copies its bytes',
  async (name) => {
    const source = `${target.prefix}source/${name}`;
    const destination = `${target.prefix}copy/${name}`;
    await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: source, Body: `body of ${name}` }));
    await s3.send(
      new CopyObjectCommand({
        Bucket: target.bucket,
        Key: destination,
        CopySource: `${target.bucket}/${encodeURIComponent(source)}`
      })
    );
    const copy = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: destination }));
    expect(await copy.Body!.transformToString()).toBe(`body of ${name}`);
  }
);

test('a copy with a stale x-amz-copy-source-if-match fails with 412 PreconditionFailed', async () => {
  const source = `${target.prefix}guarded-source`;
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: source, Body: 'v1' }));
  const failure = await s3Failure(
    s3.send(
      new CopyObjectCommand({
        Bucket: target.bucket,
        Key: `${target.prefix}guarded-copy`,
        CopySource: `${target.bucket}/${encodeURIComponent(source)}`,
        CopySourceIfMatch: '"0123456789abcdef0123456789abcdef"'
      })
    )
  );
  expect(failure).toEqual({ name: 'PreconditionFailed', status: 412 });
});
