import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createLocalS3Client, type LocalS3, startLocalS3 } from '@reporting/local-aws';

import { PreconditionFailedError, S3_MINIMUM_PART_BYTES } from './object-store';
import { S3ObjectStore, copyRanges } from './s3-object-store';

const BUCKET = 'checkpoints';

describe('S3ObjectStore on the local S3', () => {
  let s3: LocalS3;
  let client: S3Client;
  let store: S3ObjectStore;
  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: [BUCKET] });
    client = createLocalS3Client(s3.endpoint, {
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED'
    });
    store = new S3ObjectStore(client, BUCKET);
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
  });

  test('tail reads: missing object, empty object, short object, and the last bytes of a long one', async () => {
    expect(await store.readTail('missing', 10)).toBeUndefined();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'empty', Body: new Uint8Array() }));
    expect(await store.readTail('empty', 10)).toMatchObject({ size: 0, bytes: new Uint8Array() });
    const { etag } = await store.write('short', new Uint8Array([1, 2, 3]), { ifNoneMatch: '*' });
    expect(await store.readTail('short', 10)).toEqual({ bytes: new Uint8Array([1, 2, 3]), etag, size: 3 });
    const long = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    await store.write('long', long, { ifNoneMatch: '*' });
    expect(await store.readTail('long', 10)).toMatchObject({ bytes: long.slice(990), size: 1000 });
  });

  test('conditional writes and reads: a stale ETag or an existing key is a PreconditionFailedError', async () => {
    const first = await store.write('k', new Uint8Array([1]), { ifNoneMatch: '*' });
    await expect(store.write('k', new Uint8Array([2]), { ifNoneMatch: '*' })).rejects.toThrow(
      PreconditionFailedError
    );
    const second = await store.write('k', new Uint8Array([2]), { ifMatch: first.etag });
    await expect(store.write('k', new Uint8Array([3]), { ifMatch: first.etag })).rejects.toThrow(
      PreconditionFailedError
    );
    await expect(store.readRange('k', 0, 1, first.etag)).rejects.toThrow(PreconditionFailedError);
    expect(await store.readRange('k', 0, 1, second.etag)).toEqual(new Uint8Array([2]));
    expect(await store.readRange('k', 1, 1, second.etag)).toEqual(new Uint8Array());
    await expect(store.write('gone', new Uint8Array([1]), { ifMatch: first.etag })).rejects.toThrow(
      PreconditionFailedError
    );
  });

  test('writeWithCopiedPrefix copies the prefix server-side and appends the tail, only from the ETag read', async () => {
    const base = Uint8Array.from({ length: S3_MINIMUM_PART_BYTES + 100 }, (_, i) => (i * 7) % 256);
    const { etag } = await store.write('big', base, { ifNoneMatch: '*' });
    const tail = new Uint8Array([9, 9, 9]);
    const prefix = { etag, length: S3_MINIMUM_PART_BYTES + 10 };
    const written = await store.writeWithCopiedPrefix('big', prefix, tail, { ifMatch: etag });
    const after = await store.readTail('big', 4);
    expect(after).toMatchObject({ etag: written.etag, size: S3_MINIMUM_PART_BYTES + 13 });
    expect(
      await store.readRange('big', S3_MINIMUM_PART_BYTES, S3_MINIMUM_PART_BYTES + 13, written.etag)
    ).toEqual(new Uint8Array([...base.subarray(S3_MINIMUM_PART_BYTES, S3_MINIMUM_PART_BYTES + 10), 9, 9, 9]));
    // the old ETag no longer matches: neither the copy nor the commit may go through
    await expect(store.writeWithCopiedPrefix('big', prefix, tail, { ifMatch: etag })).rejects.toThrow(
      PreconditionFailedError
    );
  });
});

describe('copyRanges', () => {
  test('part plan: parts cover the prefix contiguously and each is at least the S3 part minimum', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    fc.assert(
      fc.property(
        fc.integer({ min: S3_MINIMUM_PART_BYTES, max: 2 ** 36 }),
        fc.integer({ min: S3_MINIMUM_PART_BYTES, max: 2 ** 30 }),
        (length, partBytes) => {
          const ranges = copyRanges(length, partBytes);
          expect(ranges[0][0]).toBe(0);
          expect(ranges.at(-1)?.[1]).toBe(length);
          // one expectation per run (thousands of parts per run would make per-part expects slow)
          const contiguous = ranges.every(([start], i) => i === 0 || start === ranges[i - 1][1]);
          const smallest = Math.min(...ranges.map(([start, end]) => end - start));
          expect(contiguous).toBe(true);
          expect(smallest).toBeGreaterThanOrEqual(S3_MINIMUM_PART_BYTES);
          expect(ranges.length).toBe(Math.min(9999, Math.max(1, Math.floor(length / partBytes))));
        }
      ),
      { numRuns: 300 }
    );
    expect(copyRanges(S3_MINIMUM_PART_BYTES * 3, Infinity)).toEqual([[0, S3_MINIMUM_PART_BYTES * 3]]);
  });
});
