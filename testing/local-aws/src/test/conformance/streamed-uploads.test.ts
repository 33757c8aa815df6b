// The SDK's flexible checksums (requestChecksumCalculation) send streamed bodies with the aws-chunked
// content encoding and a trailing checksum. S3 stores the decoded payload; the PutObject API reference
// says a checksum that does not match the data fails the request (400 BadDigest).
import { Readable } from 'node:stream';

import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget, s3Failure } from '../conformance-target';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openConformanceTarget('streamed');
});
afterAll(() => target.close());

const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 256));

function bodies(): Record<string, () => { Body: Readable | Buffer | string; ContentLength?: number }> {
  return {
    buffer: () => ({ Body: payload }),
    string: () => ({ Body: 'plain text body ü' }),
    'stream with length': () => ({
      Body: Readable.from([payload.subarray(0, 70_000), payload.subarray(70_000)]),
      ContentLength: payload.length
    })
  };
}

async function roundTrip(s3: S3Client, key: string, body: ReturnType<ReturnType<typeof bodies>[string]>) {
  const expected = Buffer.isBuffer(body.Body)
    ? body.Body
    : typeof body.Body === 'string'
      ? Buffer.from(body.Body)
      : payload;
  await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, ...body }));
  const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
  const stored = Buffer.from(await result.Body!.transformToByteArray());
  return { storedIntact: stored.equals(expected), length: stored.length, expectedLength: expected.length };
}

for (const mode of ['WHEN_SUPPORTED', 'WHEN_REQUIRED'] as const) {
  for (const [name, makeBody] of Object.entries(bodies())) {
    test(`a ${name} body uploaded with requestChecksumCalculation=${mode} is stored intact`, async () => {
      const s3 = target.client({ requestChecksumCalculation: mode });
      const outcome = await roundTrip(s3, `${target.prefix}${mode}/${name}`, makeBody());
      expect(outcome).toEqual({
        storedIntact: true,
        length: outcome.expectedLength,
        expectedLength: outcome.expectedLength
      });
    });
  }
}

test('each explicit checksum algorithm is accepted and the body stored intact', async () => {
  const s3 = target.client();
  for (const ChecksumAlgorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
    const key = `${target.prefix}algorithm/${ChecksumAlgorithm}`;
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: key,
        Body: Readable.from([payload]),
        ContentLength: payload.length,
        ChecksumAlgorithm
      })
    );
    const result = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    expect(Buffer.from(await result.Body!.transformToByteArray()).equals(payload)).toBe(true);
  }
});

test('a checksum that does not match the body fails with 400 BadDigest', async () => {
  const s3 = target.client();
  const failure = await s3Failure(
    s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: `${target.prefix}bad-checksum`,
        Body: 'the real body',
        ChecksumCRC32: 'AAAAAA=='
      })
    )
  );
  expect(failure.status).toBe(400);
  expect(['BadDigest', 'InvalidRequest']).toContain(failure.name);
});
