// A local S3 started with `verifySignatures: true` accepts what the AWS SDK v3 signs and refuses
// what was mis-signed or changed after signing, with S3's errors.
import { request } from 'node:http';
import { Readable } from 'node:stream';

import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  type S3ClientConfig,
  UploadPartCommand
} from '@aws-sdk/client-s3';
import fc from 'fast-check';

import { createLocalS3Client } from '../clients';
import { LOCAL_CREDENTIALS } from '../credentials';
import { LocalS3 } from './local-s3';

const BUCKET = 'signed-bucket';
let s3: LocalS3;
let client: S3Client;
const clients: S3Client[] = [];

function newClient(config: S3ClientConfig = {}): S3Client {
  const created = createLocalS3Client(s3.endpoint, { maxAttempts: 1, ...config });
  clients.push(created);
  return created;
}

interface SentRequest {
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[] | null>;
}

/** A client that changes each request after the SDK signed it (the deserialize step runs after signing). */
function tamperingClient(change: (request: SentRequest) => void): S3Client {
  const tampering = newClient();
  tampering.middlewareStack.add(
    (next) => (args) => {
      change(args.request as SentRequest);
      return next(args);
    },
    { step: 'deserialize', name: 'tamperAfterSigning' }
  );
  return tampering;
}

beforeAll(async () => {
  s3 = await LocalS3.start({ buckets: [BUCKET], verifySignatures: true, minimumPartSize: 1 });
  client = newClient();
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'base', Body: 'base body' }));
});
afterAll(async () => {
  for (const created of clients) created.destroy();
  await s3.stop();
});

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error('the request succeeded');
}

function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${s3.endpoint}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

const AWKWARD_KEYS = [
  'plain.json',
  'dir/sub dir/with space.json',
  'uni/ünï-cödé-日本-😀.json',
  "sym/a+b=c&d;e,f@g$h!i'j(k)l*m~n.json",
  'pct/100%.json',
  'dots/./../x//y/'
];

describe('requests signed by the SDK verify', () => {
  test.each(AWKWARD_KEYS)('PutObject, then GetObject with VersionId and IfMatch, of %j', async (key) => {
    const put = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `body of ${key}` }));
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ETag).toBe(put.ETag);
    const got = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: key, IfMatch: put.ETag, VersionId: 'null' })
    );
    expect(await got.Body!.transformToString()).toBe(`body of ${key}`);
  });

  test('a streamed PutObject (aws-chunked, STREAMING-… payload hash: the seed signature is verified)', async () => {
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'streamed',
        Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]),
        ContentLength: 13
      })
    );
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed' }));
    expect(await got.Body!.transformToString()).toBe('streamed body');
  });

  test('ListObjectsV2 with prefix, delimiter, max-keys, start-after and a continuation token', async () => {
    for (const key of ['list/a b', 'list/a+b', 'list/c/d', 'list/é']) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
    const first = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'list/',
        Delimiter: '/',
        MaxKeys: 2,
        StartAfter: 'list/ '
      })
    );
    expect(first.Contents?.map((c) => c.Key)).toEqual(['list/a b', 'list/a+b']);
    const second = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'list/',
        Delimiter: '/',
        ContinuationToken: first.NextContinuationToken
      })
    );
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/c/']);
    expect(second.Contents?.map((c) => c.Key)).toEqual(['list/é']);
  });

  test('a multipart upload: create, upload a part, list the parts, complete', async () => {
    const key = 'multi part/ü+1';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const part = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: 'part one' })
    );
    const parts = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId }));
    expect(parts.Parts?.map((p) => p.ETag)).toEqual([part.ETag]);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] }
      })
    );
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await got.Body!.transformToString()).toBe('part one');
  });
});

describe('mis-signed requests are refused', () => {
  test('a wrong secret answers 403 SignatureDoesNotMatch', async () => {
    const wrong = newClient({ credentials: { ...LOCAL_CREDENTIALS, secretAccessKey: 'wrong' } });
    expect(await errorOf(wrong.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'base' })))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403
    });
    expect(
      await errorOf(wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'never', Body: 'x' })))
    ).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect((await errorOf(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'never' })))).name).toBe(
      'NoSuchKey'
    );
  });

  test('a signed header changed after signing answers 403 SignatureDoesNotMatch', async () => {
    const tampering = tamperingClient((r) => {
      r.headers['if-match'] = '"00000000000000000000000000000000"';
    });
    const get = new GetObjectCommand({ Bucket: BUCKET, Key: 'base', IfMatch: '"anything"' });
    expect(await errorOf(tampering.send(get))).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  test('a path changed after signing answers 403 SignatureDoesNotMatch', async () => {
    const tampering = tamperingClient((r) => {
      r.path = r.path.replace(/\/base$/, '/streamed');
    });
    expect(await errorOf(tampering.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'base' })))).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403
    });
  });

  test('a query parameter changed after signing answers 403 SignatureDoesNotMatch', async () => {
    const tampering = tamperingClient((r) => {
      r.query = { ...r.query, prefix: 'other/' };
    });
    const list = new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/' });
    expect(await errorOf(tampering.send(list))).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  test('an unknown access key answers 403 InvalidAccessKeyId', async () => {
    const unknown = newClient({ credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' } });
    expect(await errorOf(unknown.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'base' })))).toEqual({
      name: 'InvalidAccessKeyId',
      status: 403
    });
  });

  test('a clock 20 minutes off answers 403 RequestTimeTooSkewed; 10 minutes off still verifies', async () => {
    const skewed = newClient({ systemClockOffset: -20 * 60 * 1000 });
    expect(await errorOf(skewed.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'base' })))).toEqual({
      name: 'RequestTimeTooSkewed',
      status: 403
    });
    const slightly = newClient({ systemClockOffset: 10 * 60 * 1000 });
    const got = await slightly.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'base' }));
    expect(await got.Body!.transformToString()).toBe('base body');
  });

  test("the body is S3's SignatureDoesNotMatch XML; an unsigned request answers 403 AccessDenied", async () => {
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const mis = await rawRequest('GET', `/${BUCKET}/base`, {
      'x-amz-date': date,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      authorization: `AWS4-HMAC-SHA256 Credential=S3RVER/${date.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0'.repeat(64)}`
    });
    expect(mis.status).toBe(403);
    expect(mis.body).toContain(
      '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><AWSAccessKeyId>S3RVER</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256'
    );
    expect(mis.body).toContain(`<SignatureProvided>${'0'.repeat(64)}</SignatureProvided>`);
    const anonymous = await rawRequest('GET', `/${BUCKET}/base`);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>');
  });
});

test("signature verification: any object key round-trips through a verifying local S3 with the SDK's own signer", async () => {
  const piece = fc.oneof(
    fc.constantFrom(...'+=&;,@$!\'()*~ %?#[]{}^`|<>"\\:/.-_'.split('')),
    fc.constantFrom('ü', 'é', '日本', '😀', '\u00a0', '\u200b', '..', './'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }).filter((s) => !s.includes('\u0000')),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }).filter((s) => !s.includes('\u0000'))
  );
  const keyArbitrary = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(''));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(keyArbitrary, async (key) => {
      const body = `body ${n++}`;
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
      const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(await got.Body!.transformToString()).toBe(body);
    }),
    { numRuns: 150 }
  );
});
