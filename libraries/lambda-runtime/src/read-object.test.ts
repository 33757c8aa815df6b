import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startLocalS3, type LocalS3 } from '@reporting/local-aws';
import { readObjectBounded } from './read-object';
import { createS3Client } from './s3-client';

describe('readObjectBounded (local S3)', () => {
  let s3: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ['b'] });
    client = createS3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' }
    });
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
  });

  async function put(key: string, body: string): Promise<string> {
    await client.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: Buffer.from(body) }));
    return (await client.send(new HeadObjectCommand({ Bucket: 'b', Key: key }))).ETag!.replace(/"/g, '');
  }

  it('reads the announced version whole when it fits', async () => {
    const eTag = await put('a.json', '{"a":1}');
    const read = await readObjectBounded(client, { bucket: 'b', key: 'a.json', eTag }, 100);
    expect(read.status === 'ok' && read.bytes.toString()).toBe('{"a":1}');
  });

  it('reports an object over the limit as too large', async () => {
    const eTag = await put('big.json', 'x'.repeat(500));
    expect(await readObjectBounded(client, { bucket: 'b', key: 'big.json', eTag }, 100)).toEqual({
      status: 'too-large',
      size: 500
    });
  });

  it('reports a missing key as gone and other bytes under the key as superseded', async () => {
    expect(await readObjectBounded(client, { bucket: 'b', key: 'missing.json' }, 100)).toEqual({
      status: 'gone'
    });
    const old = await put('over.json', 'old');
    await put('over.json', 'new');
    expect(await readObjectBounded(client, { bucket: 'b', key: 'over.json', eTag: old }, 100)).toEqual({
      status: 'superseded'
    });
  });

  it('throws other failures for the caller to retry', async () => {
    await put('flaky.json', '{}');
    s3.setFaults({ rate: 1, kinds: ['internal-error'], seed: 1, match: (r) => r.key === 'flaky.json' });
    try {
      await expect(readObjectBounded(client, { bucket: 'b', key: 'flaky.json' }, 100)).rejects.toThrow();
    } finally {
      s3.setFaults(undefined);
    }
  });
});
