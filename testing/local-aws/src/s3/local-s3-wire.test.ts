// Requests an SDK would not send, made by hand against the local S3: malformed aws-chunked bodies and
// wrong trailing checksums must fail clearly (400), never be stored as something else.
import { request } from 'node:http';

import { createHash } from 'node:crypto';

import { LocalS3 } from './local-s3';

let s3: LocalS3;

beforeAll(async () => {
  s3 = await LocalS3.start({ buckets: ['wire-bucket'] });
});
afterAll(() => s3.stop());

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s3.endpoint}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers })
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const chunked = {
  'content-encoding': 'aws-chunked',
  'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'x-amz-trailer': 'x-amz-checksum-crc32'
};

test('an aws-chunked body with a wrong trailing checksum fails with 400 BadDigest and stores nothing', async () => {
  const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n';
  const put = await send(
    'PUT',
    '/wire-bucket/bad-trailer',
    { ...chunked, 'x-amz-decoded-content-length': '5' },
    body
  );
  expect(put.status).toBe(400);
  expect(put.body).toContain('<Code>BadDigest</Code>');
  expect((await send('GET', '/wire-bucket/bad-trailer', {})).status).toBe(404);
});

test('an aws-chunked body with the right trailing checksum is stored decoded', async () => {
  const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n';
  const put = await send(
    'PUT',
    '/wire-bucket/good-trailer',
    { ...chunked, 'x-amz-decoded-content-length': '5' },
    body
  );
  expect(put.status).toBe(200);
  expect(put.headers['x-amz-checksum-crc32']).toBe('NhCmhg==');
  expect((await send('GET', '/wire-bucket/good-trailer', {})).body).toBe('hello');
});

test('a truncated aws-chunked body fails with 400 IncompleteBody', async () => {
  const put = await send('PUT', '/wire-bucket/truncated', chunked, 'a\r\nhello');
  expect(put.status).toBe(400);
  expect(put.body).toContain('<Code>IncompleteBody</Code>');
});

test('a decoded length different from x-amz-decoded-content-length fails with 400 IncompleteBody', async () => {
  const put = await send(
    'PUT',
    '/wire-bucket/short',
    { ...chunked, 'x-amz-decoded-content-length': '9' },
    '5\r\nhello\r\n0\r\n\r\n'
  );
  expect(put.status).toBe(400);
});

test('a wrong Content-MD5 fails with 400 BadDigest', async () => {
  const put = await send(
    'PUT',
    '/wire-bucket/md5',
    { 'content-md5': createHash('md5').update('other').digest('base64') },
    'body'
  );
  expect(put.status).toBe(400);
  expect(put.body).toContain('<Code>BadDigest</Code>');
});

test('a wrong x-amz-content-sha256 fails with 400 XAmzContentSHA256Mismatch', async () => {
  const put = await send('PUT', '/wire-bucket/sha', { 'x-amz-content-sha256': 'a'.repeat(64) }, 'body');
  expect(put.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
});

test('an operation on a missing bucket fails with 404 NoSuchBucket', async () => {
  const get = await send('GET', '/no-such-bucket/key', {});
  expect(get.status).toBe(404);
  expect(get.body).toContain('<Code>NoSuchBucket</Code>');
});

test('response-* query parameters override the returned headers', async () => {
  await send('PUT', '/wire-bucket/typed', { 'content-type': 'text/plain' }, 'x');
  const get = await send('GET', '/wire-bucket/typed?response-content-type=application%2Fjson', {});
  expect(get.headers['content-type']).toBe('application/json');
});

test('the request log counts the body bytes received on the wire, framing included', async () => {
  const records: { operation: string; wireBytes: number }[] = [];
  const unsubscribe = s3.onRequest((r) => records.push(r));
  const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n';
  await send('PUT', '/wire-bucket/counted', { ...chunked, 'x-amz-decoded-content-length': '5' }, body);
  await new Promise((resolve) => setImmediate(resolve));
  unsubscribe();
  expect(records).toEqual([
    expect.objectContaining({ operation: 'PutObject', wireBytes: Buffer.byteLength(body) })
  ]);
});

test('ListObjects (version 1) pages with Marker and NextMarker', async () => {
  for (const key of ['v1/a', 'v1/b', 'v1/c/d', 'v1/c/e']) await send('PUT', `/wire-bucket/${key}`, {}, key);
  const first = await send('GET', '/wire-bucket?prefix=v1%2F&delimiter=%2F&max-keys=2', {});
  expect(first.body).toContain('<IsTruncated>true</IsTruncated>');
  expect(first.body).toContain('<NextMarker>v1/b</NextMarker>');
  const second = await send('GET', '/wire-bucket?prefix=v1%2F&delimiter=%2F&max-keys=2&marker=v1%2Fb', {});
  expect(second.body).toContain('<CommonPrefixes><Prefix>v1/c/</Prefix></CommonPrefixes>');
  expect(second.body).toContain('<IsTruncated>false</IsTruncated>');
});
