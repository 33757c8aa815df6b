// Expectations from the UploadPartCopy API reference (x-amz-copy-source, x-amz-copy-source-range) and
// the multipart upload limits (every part but the last at least 5 MiB).
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand
} from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;
const MIB = 1024 * 1024;

beforeAll(async () => {
  target = await openConformanceTarget('part-copy');
  s3 = target.client();
});
afterAll(() => target.close());

function patterned(size: number, seed: number): Buffer {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i * 31 + seed) % 251;
  return buffer;
}

function copySource(key: string): string {
  return `${target.bucket}/${encodeURIComponent(key)}`;
}

test('a part copied from a byte range of another object holds exactly those bytes', async () => {
  const sourceKey = `${target.prefix}source.bin`;
  const source = patterned(6 * MIB, 7);
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: sourceKey, Body: source }));
  const key = `${target.prefix}appended.bin`;
  const tail = patterned(1000, 99);
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: key }));
  const first = await s3.send(
    new UploadPartCopyCommand({
      Bucket: target.bucket,
      Key: key,
      UploadId,
      PartNumber: 1,
      CopySource: copySource(sourceKey),
      CopySourceRange: `bytes=0-${5 * MIB + 9}`
    })
  );
  const second = await s3.send(
    new UploadPartCommand({ Bucket: target.bucket, Key: key, UploadId, PartNumber: 2, Body: tail })
  );
  await s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: target.bucket,
      Key: key,
      UploadId,
      MultipartUpload: {
        Parts: [
          { PartNumber: 1, ETag: first.CopyPartResult!.ETag },
          { PartNumber: 2, ETag: second.ETag }
        ]
      }
    })
  );
  const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
  const bytes = Buffer.from(await result.Body!.transformToByteArray());
  expect(bytes.length).toBe(5 * MIB + 10 + 1000);
  expect(bytes.equals(Buffer.concat([source.subarray(0, 5 * MIB + 10), tail]))).toBe(true);
  expect(result.ETag).toMatch(/-2"$/);
});

test('a copy-source range past the end of the source fails with 400 InvalidArgument', async () => {
  const sourceKey = `${target.prefix}small-source`;
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: sourceKey, Body: 'ten bytes!' }));
  const key = `${target.prefix}bad-range`;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: key }));
  const failure = await s3Failure(
    s3.send(
      new UploadPartCopyCommand({
        Bucket: target.bucket,
        Key: key,
        UploadId,
        PartNumber: 1,
        CopySource: copySource(sourceKey),
        CopySourceRange: 'bytes=0-10'
      })
    )
  );
  expect(failure).toEqual({ name: 'InvalidArgument', status: 400 });
});

test('completing with a part smaller than 5 MiB that is not the last fails with 400 EntityTooSmall', async () => {
  const key = `${target.prefix}too-small`;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: key }));
  const parts = [];
  for (const PartNumber of [1, 2]) {
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: target.bucket, Key: key, UploadId, PartNumber, Body: 'small part' })
    );
    parts.push({ PartNumber, ETag });
  }
  const failure = await s3Failure(
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: target.bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: parts }
      })
    )
  );
  expect(failure).toEqual({ name: 'EntityTooSmall', status: 400 });
});
