// Multipart upload API reference: ListParts lists uploaded parts with their ETags and sizes;
// AbortMultipartUpload ends an upload (later calls with its id fail with 404 NoSuchUpload);
// CompleteMultipartUpload refuses parts out of order (InvalidPartOrder) or with a wrong ETag (InvalidPart).
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;

beforeAll(async () => {
  target = await openConformanceTarget('mpu');
  s3 = target.client();
});
afterAll(() => target.close());

async function uploadWithParts(name: string, bodies: (string | Buffer)[]) {
  const Key = `${target.prefix}${name}`;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key }));
  const parts = [];
  for (const [index, Body] of bodies.entries()) {
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: target.bucket, Key, UploadId, PartNumber: index + 1, Body })
    );
    parts.push({ PartNumber: index + 1, ETag: ETag! });
  }
  return { Key, UploadId: UploadId!, parts };
}

test('ListParts lists the uploaded parts with their ETags and sizes, and the upload is listed', async () => {
  const { Key, UploadId, parts } = await uploadWithParts('listed', ['one', 'three'.repeat(2)]);
  const listed = await s3.send(new ListPartsCommand({ Bucket: target.bucket, Key, UploadId }));
  expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
    [1, parts[0].ETag, 3],
    [2, parts[1].ETag, 10]
  ]);
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: target.bucket, Prefix: Key }));
  expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([[Key, UploadId]]);
});

test('after AbortMultipartUpload the upload id is unknown (404 NoSuchUpload)', async () => {
  const { Key, UploadId } = await uploadWithParts('aborted', ['part']);
  await s3.send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key, UploadId }));
  expect(await s3Failure(s3.send(new ListPartsCommand({ Bucket: target.bucket, Key, UploadId })))).toEqual({
    name: 'NoSuchUpload',
    status: 404
  });
});

/** S3's minimum size of every part but the last. */
const MIN_PART_BYTES = 5 * 1024 * 1024;

// CompleteMultipartUpload API reference, errors: InvalidPartOrder, "the parts list must be specified in
// order by part number". With 1-byte parts an implementation may report EntityTooSmall first; with
// full-size parts only the order is wrong.
test.each([
  ['completing with parts out of order fails with 400 InvalidPartOrder', 'unordered', ['a', 'b']],
  [
    'completing with full-size parts out of order fails with 400 InvalidPartOrder',
    'unordered-full-size',
    [Buffer.alloc(MIN_PART_BYTES, 1), Buffer.alloc(MIN_PART_BYTES, 2)]
  ]
])('%s', async (_title, name, bodies) => {
  const { Key, UploadId, parts } = await uploadWithParts(name, bodies);
  const failure = await s3Failure(
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: target.bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [parts[1], parts[0]] }
      })
    )
  );
  expect(failure).toEqual({ name: 'InvalidPartOrder', status: 400 });
});

test('completing with a wrong part ETag fails with 400 InvalidPart', async () => {
  const { Key, UploadId } = await uploadWithParts('wrong-etag', ['a']);
  const failure = await s3Failure(
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: target.bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }] }
      })
    )
  );
  expect(failure).toEqual({ name: 'InvalidPart', status: 400 });
});
