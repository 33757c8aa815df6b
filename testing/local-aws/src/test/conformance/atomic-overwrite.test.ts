// S3 provides strong read-after-write consistency and atomic PUTs (User Guide, "Amazon S3 data
// consistency model"): a GET during or after an overwrite returns the old or the new object whole,
// never an empty, truncated or mixed one, and the ETag belongs to the bytes returned.
import { createHash } from 'node:crypto';

import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget } from '../conformance-target';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openConformanceTarget('atomic');
});
afterAll(() => target.close());

test('reads racing 150 overwrites only ever see a whole version, with its own ETag', async () => {
  const key = `${target.prefix}overwritten`;
  const versions = [
    Buffer.alloc(256 * 1024, 'a'),
    Buffer.alloc(64 * 1024, 'b'),
    Buffer.alloc(300 * 1024, 'c')
  ];
  const writer = target.client();
  await writer.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: versions[0] }));
  const progress = { writing: true };
  const write = (async () => {
    for (let i = 1; i <= 150; i++) {
      await writer.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: versions[i % 3] }));
    }
    progress.writing = false;
  })();
  const torn: string[] = [];
  let reads = 0;
  const readers = Array.from({ length: 4 }, async () => {
    const reader = target.client();
    while (progress.writing) {
      const result = await reader.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
      const body = Buffer.from(await result.Body!.transformToByteArray());
      reads++;
      const whole = versions.some((v) => v.equals(body));
      const etagMatches = result.ETag === `"${createHash('md5').update(body).digest('hex')}"`;
      if (!whole || !etagMatches) torn.push(`length ${body.length}, etag ${String(result.ETag)}`);
    }
  });
  await Promise.all([write, ...readers]);
  expect(reads).toBeGreaterThan(20);
  expect(torn).toEqual([]);
});
