// CompleteMultipartUpload API reference, errors: InvalidPartOrder, "the list of parts was not in
// ascending order; the parts list must be specified in order by part number". multipart-lifecycle
// checks this with 1-byte parts, where an implementation may report EntityTooSmall first; here every
// part has S3's minimum size (5 MiB), so only the order is wrong.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

const MIN_PART_BYTES = 5 * 1024 * 1024;

let target: ConformanceTarget;
let s3: S3Client;

beforeAll(async () => {
  target = await openConformanceTarget('part-order');
  s3 = target.client();
});
afterAll(() => target.close());

test('completing with full-size parts out of order fails with 400 InvalidPartOrder', async () => {
  const Key = `${target.prefix}unordered-full-size`;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key }));
  const parts = [];
  for (const PartNumber of [1, 2]) {
    const Body = Buffer.alloc(MIN_PART_BYTES, PartNumber);
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: target.bucket, Key, UploadId, PartNumber, Body })
    );
    parts.push({ PartNumber, ETag: ETag! });
  }
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
