import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, startLocalS3, type LocalS3, type S3RequestRecord } from '@reporting/local-aws';
import * as fc from 'fast-check';
import { createDirectObjectReader } from './direct-object-reader';
import { readObjectBounded, type ObjectReader } from './read-object';
import { createS3Client } from './s3-client';

describe('createDirectObjectReader (local S3 verifying signatures)', () => {
  let s3: LocalS3;
  let client: S3Client;
  let direct: ObjectReader;
  const requests: S3RequestRecord[] = [];

  beforeAll(async () => {
    // The local S3 checks every request's SigV4 signature, as S3 does: a mis-signed GET is refused.
    s3 = await startLocalS3({ buckets: ['b'], verifySignatures: true });
    s3.onRequest((record) => requests.push(record));
    client = createS3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS
    });
    direct = createDirectObjectReader(client);
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
  });
  afterEach(() => s3.setFaults(undefined));

  async function put(key: string, body: Buffer | string): Promise<string> {
    const { ETag } = await client.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: body }));
    return ETag!.replace(/"/g, '');
  }

  /** Keys of 1–3 segments drawn from letters, digits, unicode and the characters URIs reserve. */
  const objectKey = fc
    .array(
      fc.string({
        unit: fc.constantFrom(...'aZ09 -_.~+=&;,@$!\'()*:?#[]%^`{}|"<>\\é漢😀ß'.split(/(?:)/u)),
        minLength: 1,
        maxLength: 8
      }),
      { minLength: 1, maxLength: 3 }
    )
    .filter((segments) => segments.every((segment) => segment !== '.' && segment !== '..'))
    .map((segments) => segments.join('/'));

  it('direct read: any key and bytes read back exactly as readObjectBounded reads them', async () => {
    await fc.assert(
      fc.asyncProperty(objectKey, fc.uint8Array({ maxLength: 300 }), async (key, bytes) => {
        const eTag = await put(key, Buffer.from(bytes));
        const object = { bucket: 'b', key, eTag };
        const ours = await direct(object, 200);
        expect(ours).toEqual(await readObjectBounded(client, object, 200));
        expect(ours).toEqual(
          bytes.length > 200
            ? { status: 'too-large', size: bytes.length }
            : { status: 'ok', bytes: Buffer.from(bytes) }
        );
      }),
      { numRuns: 100 }
    );
  }, 60_000);

  it('answers gone for a missing key and superseded for other bytes under the key, as readObjectBounded does', async () => {
    expect(await direct({ bucket: 'b', key: 'missing.json' }, 100)).toEqual({ status: 'gone' });
    const old = await put('over.json', 'old');
    await put('over.json', 'new');
    expect(await direct({ bucket: 'b', key: 'over.json', eTag: old }, 100)).toEqual({ status: 'superseded' });
    expect(await direct({ bucket: 'b', key: 'over.json', eTag: `"${old}"` }, 100)).toEqual({
      status: 'superseded'
    });
  });

  it('reads exactly the limit, and an object one byte over it as too large', async () => {
    const exact = await put('exact.json', 'x'.repeat(100));
    const over = await put('over-by-one.json', 'x'.repeat(101));
    const read = await direct({ bucket: 'b', key: 'exact.json', eTag: exact }, 100);
    expect(read.status === 'ok' && read.bytes.length).toBe(100);
    expect(await direct({ bucket: 'b', key: 'over-by-one.json', eTag: over }, 100)).toEqual({
      status: 'too-large',
      size: 101
    });
  });

  it.each(['internal-error', 'slow-down', 'connection-reset'] as const)(
    'retries a GET answered %s with the client retry strategy and returns the bytes',
    async (kind) => {
      const eTag = await put(`flaky-${kind}.json`, '{"ok":true}');
      let failures = 2;
      s3.setFaults({
        rate: 1,
        kinds: [kind],
        match: (candidate) => candidate.key === `flaky-${kind}.json` && failures-- > 0
      });
      requests.length = 0;
      const read = await direct({ bucket: 'b', key: `flaky-${kind}.json`, eTag }, 100);
      expect(read.status === 'ok' && read.bytes.toString()).toBe('{"ok":true}');
      expect(requests.filter((r) => r.key === `flaky-${kind}.json`).length).toBe(3);
    }
  );

  it('gives up after the client maxAttempts (5) with the S3 error, named and with its status as the SDK names them', async () => {
    const eTag = await put('down.json', '{}');
    s3.setFaults({ rate: 1, kinds: ['internal-error'], match: (candidate) => candidate.key === 'down.json' });
    requests.length = 0;
    const failure = await direct({ bucket: 'b', key: 'down.json', eTag }, 100).catch(
      (error: unknown) => error
    );
    const sdk = await readObjectBounded(client, { bucket: 'b', key: 'down.json', eTag }, 100).catch(
      (error: unknown) => error
    );
    expect(failure).toMatchObject({
      name: (sdk as Error).name,
      message: (sdk as Error).message,
      $metadata: { httpStatusCode: 500 }
    });
    expect(requests.filter((r) => r.key === 'down.json').length).toBe(10);
  });

  it('a GET signed with the wrong secret is refused with SignatureDoesNotMatch and not retried', async () => {
    const eTag = await put('signed.json', '{}');
    const stranger = createS3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' }
    });
    try {
      requests.length = 0;
      await expect(
        createDirectObjectReader(stranger)({ bucket: 'b', key: 'signed.json', eTag }, 100)
      ).rejects.toMatchObject({
        name: 'SignatureDoesNotMatch',
        $metadata: { httpStatusCode: 403 }
      });
      expect(requests.filter((r) => r.key === 'signed.json')).toHaveLength(1);
    } finally {
      stranger.destroy();
    }
  });
});
