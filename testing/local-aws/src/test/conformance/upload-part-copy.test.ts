// Expectations from the UploadPartCopy API reference (x-amz-copy-source, x-amz-copy-source-range) and
// the multipart upload limits (every part but the last at least 5 MiB).
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
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
  await appendByCopy(key, sourceKey, 5 * MIB + 10, tail);
  const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
  const bytes = Buffer.from(await result.Body!.transformToByteArray());
  expect(bytes.length).toBe(5 * MIB + 10 + 1000);
  expect(bytes.equals(Buffer.concat([source.subarray(0, 5 * MIB + 10), tail]))).toBe(true);
  expect(result.ETag).toMatch(/-2"$/);
});

/** Starts a multipart upload of `key` whose part 1 copies `sourceKey` (the `range`, or all of it). */
async function startWithCopiedPart(
  key: string,
  sourceKey: string,
  range?: string
): Promise<{ UploadId: string; copiedETag: string }> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: key }));
  const first = await s3.send(
    new UploadPartCopyCommand({
      Bucket: target.bucket,
      Key: key,
      UploadId,
      PartNumber: 1,
      CopySource: copySource(sourceKey),
      ...(range ? { CopySourceRange: range } : {})
    })
  );
  return { UploadId: UploadId!, copiedETag: first.CopyPartResult!.ETag! };
}

/** Multipart upload of `key`: a copy of `bytes=0-(prefixLength-1)` of `sourceKey`, then `tail`. */
async function appendByCopy(
  key: string,
  sourceKey: string,
  prefixLength: number,
  tail: Buffer
): Promise<void> {
  const { UploadId, copiedETag } = await startWithCopiedPart(key, sourceKey, `bytes=0-${prefixLength - 1}`);
  await completeWithTail(key, UploadId, copiedETag, tail);
}

/** Uploads `tail` as part 2 of the upload whose part 1 (a copy) has `copiedETag`, and completes it. */
async function completeWithTail(
  key: string,
  UploadId: string,
  copiedETag: string,
  tail: Buffer
): Promise<void> {
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
          { PartNumber: 1, ETag: copiedETag },
          { PartNumber: 2, ETag: second.ETag }
        ]
      }
    })
  );
}

async function getBytes(key: string, range?: string): Promise<Buffer> {
  const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key, Range: range }));
  return Buffer.from(await result.Body!.transformToByteArray());
}

test('a copied part keeps the bytes the source had when it was copied, even if the source is overwritten before Complete', async () => {
  const sourceKey = `${target.prefix}overwritten-source.bin`;
  const original = patterned(5 * MIB + 100, 3);
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: sourceKey, Body: original }));
  const key = `${target.prefix}snapshot.bin`;
  const { UploadId, copiedETag } = await startWithCopiedPart(key, sourceKey);
  await s3.send(
    new PutObjectCommand({ Bucket: target.bucket, Key: sourceKey, Body: patterned(5 * MIB + 100, 200) })
  );
  const tail = Buffer.from('tail');
  await completeWithTail(key, UploadId, copiedETag, tail);
  expect((await getBytes(key)).equals(Buffer.concat([original, tail]))).toBe(true);
});

test('repeated appends by copying the prefix of the object onto itself read back exactly, whole, by range and copied', async () => {
  const key = `${target.prefix}appended-log.bin`;
  let expected = patterned(5 * MIB + 3000, 11);
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: expected }));
  for (let round = 0; round < 4; round++) {
    // Drop the last 500 bytes (a "footer"), append a new tail of 2000 bytes.
    const tail = patterned(2000, 50 + round);
    await appendByCopy(key, key, expected.length - 500, tail);
    expected = Buffer.concat([expected.subarray(0, expected.length - 500), tail]);
  }
  expect((await getBytes(key)).equals(expected)).toBe(true);
  // Ranges across the places where appended pieces meet, and the suffix form.
  const size = expected.length;
  for (const [start, end] of [
    [size - 6000, size - 1],
    [5 * MIB, 5 * MIB + 4000],
    [0, 10],
    [size - 1600, size - 1400]
  ]) {
    expect((await getBytes(key, `bytes=${start}-${end}`)).equals(expected.subarray(start, end + 1))).toBe(
      true
    );
  }
  expect((await getBytes(key, 'bytes=-2500')).equals(expected.subarray(size - 2500))).toBe(true);
  const copyKey = `${target.prefix}appended-log-copy.bin`;
  await s3.send(new CopyObjectCommand({ Bucket: target.bucket, Key: copyKey, CopySource: copySource(key) }));
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: 'replaced' }));
  expect((await getBytes(copyKey)).equals(expected)).toBe(true);
  expect((await getBytes(key)).toString()).toBe('replaced');
});

test('a copy-source range past the end of the source fails with 400 InvalidArgument', async () => {
  const sourceKey = `${target.prefix}small-source`;
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: sourceKey, Body: 'ten bytes!' }));
  const failure = await s3Failure(startWithCopiedPart(`${target.prefix}bad-range`, sourceKey, 'bytes=0-10'));
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
