// Expectations from the S3 User Guide, "How to prevent object overwrites with conditional writes", and
// the PutObject / CompleteMultipartUpload API references (If-None-Match, If-Match).
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;

beforeAll(async () => {
  target = await openConformanceTarget('conditional');
  s3 = target.client();
});
afterAll(() => target.close());

function put(key: string, body: string, condition: { IfNoneMatch?: string; IfMatch?: string } = {}) {
  return s3.send(
    new PutObjectCommand({ Bucket: target.bucket, Key: target.prefix + key, Body: body, ...condition })
  );
}

async function completeOnePartUpload(
  key: string,
  body: string,
  condition: { IfNoneMatch?: string; IfMatch?: string }
) {
  const Key = target.prefix + key;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key }));
  const { ETag } = await s3.send(
    new UploadPartCommand({ Bucket: target.bucket, Key, UploadId, PartNumber: 1, Body: body })
  );
  return s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: target.bucket,
      Key,
      UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
      ...condition
    })
  );
}

describe('PutObject conditional writes', () => {
  test('If-None-Match: * creates a key that does not exist', async () => {
    const result = await put('new-key', 'first', { IfNoneMatch: '*' });
    expect(result.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  test('If-None-Match: * on an existing key fails with 412 PreconditionFailed', async () => {
    await put('existing', 'first');
    expect(await s3Failure(put('existing', 'second', { IfNoneMatch: '*' }))).toEqual({
      name: 'PreconditionFailed',
      status: 412
    });
  });

  test('If-Match with the current ETag overwrites', async () => {
    const { ETag } = await put('match-current', 'v1');
    const result = await put('match-current', 'v2', { IfMatch: ETag });
    expect(result.ETag).not.toBe(ETag);
  });

  test('If-Match with a stale ETag fails with 412 PreconditionFailed', async () => {
    const { ETag: stale } = await put('match-stale', 'v1');
    await put('match-stale', 'v2');
    expect(await s3Failure(put('match-stale', 'v3', { IfMatch: stale }))).toEqual({
      name: 'PreconditionFailed',
      status: 412
    });
  });

  test('If-Match on a missing key fails with 404 NoSuchKey', async () => {
    expect(
      await s3Failure(put('match-missing', 'v1', { IfMatch: '"0123456789abcdef0123456789abcdef"' }))
    ).toEqual({
      name: 'NoSuchKey',
      status: 404
    });
  });

  test('of 16 concurrent If-None-Match: * writers to one key, exactly one succeeds', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => put('race', `writer ${i}`, { IfNoneMatch: '*' }))
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(succeeded).toHaveLength(1);
    // S3 answers a losing writer with 412, or 409 ConditionalRequestConflict while the winner is in flight.
    for (const failure of failed) {
      expect(['PreconditionFailed', 'ConditionalRequestConflict']).toContain((failure.reason as Error).name);
    }
  });
});

describe('CompleteMultipartUpload conditional writes', () => {
  test('If-None-Match: * on an existing key fails with 412 PreconditionFailed', async () => {
    await put('mpu-existing', 'first');
    expect(await s3Failure(completeOnePartUpload('mpu-existing', 'second', { IfNoneMatch: '*' }))).toEqual({
      name: 'PreconditionFailed',
      status: 412
    });
  });

  test('If-None-Match: * creates a key that does not exist', async () => {
    const result = await completeOnePartUpload('mpu-new', 'body', { IfNoneMatch: '*' });
    expect(result.ETag).toMatch(/^"[0-9a-f]{32}-1"$/);
  });

  test('If-Match with a stale ETag fails with 412 PreconditionFailed', async () => {
    const { ETag: stale } = await put('mpu-stale', 'v1');
    await put('mpu-stale', 'v2');
    expect(await s3Failure(completeOnePartUpload('mpu-stale', 'v3', { IfMatch: stale }))).toEqual({
      name: 'PreconditionFailed',
      status: 412
    });
  });

  test('If-Match with the current ETag completes', async () => {
    const { ETag } = await put('mpu-current', 'v1');
    const result = await completeOnePartUpload('mpu-current', 'v2', { IfMatch: ETag });
    expect(result.ETag).toMatch(/-1"$/);
  });

  test('If-Match on a missing key fails with 404 NoSuchKey', async () => {
    expect(
      await s3Failure(
        completeOnePartUpload('mpu-missing', 'v1', { IfMatch: '"0123456789abcdef0123456789abcdef"' })
      )
    ).toEqual({ name: 'NoSuchKey', status: 404 });
  });
});
