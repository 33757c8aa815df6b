import * as zlib from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, type LocalS3, startLocalS3 } from '@reporting/local-aws';
import { createS3Client } from './s3-client';

describe('createS3Client: upload integrity checksums as the SDK sends them by default', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: ['checksums'] });
  });
  afterAll(() => s3.stop());

  it('calculates request checksums whenever the operation supports them', async () => {
    const client = createS3Client({ region: 'us-east-1' });
    expect(await client.config.requestChecksumCalculation()).toBe('WHEN_SUPPORTED');
    client.destroy();
  });

  it('every upload carries a CRC32 of its bytes, which the (local) S3 verified and echoes', async () => {
    const client = createS3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS
    });
    const body = Buffer.from('{"action":"submit"}\n');
    const put = await client.send(new PutObjectCommand({ Bucket: 'checksums', Key: 'a.json', Body: body }));
    const crc32 = Buffer.alloc(4);
    crc32.writeUInt32BE(zlib.crc32(body));
    expect(put.ChecksumCRC32).toBe(crc32.toString('base64'));
    client.destroy();
  });
});
