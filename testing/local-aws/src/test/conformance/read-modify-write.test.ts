// Optimistic concurrency as the S3 User Guide describes it for conditional writes: read the object and
// its ETag, write the new version with If-Match; a 412 means someone else wrote first, so read again.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { type ConformanceTarget, openConformanceTarget } from '../conformance-target';

let target: ConformanceTarget;

beforeAll(async () => {
  target = await openConformanceTarget('rmw');
});
afterAll(() => target.close());

const CLIENTS = 32;
const INCREMENTS_EACH = 2;

async function appendWithIfMatch(s3: S3Client, key: string, entry: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const current = await s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    const entries = JSON.parse(await current.Body!.transformToString()) as string[];
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: JSON.stringify([...entries, entry]),
          IfMatch: current.ETag
        })
      );
      return attempt;
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'PreconditionFailed' && name !== 'ConditionalRequestConflict') throw error;
    }
  }
}

test('32 concurrent read-modify-write clients with If-Match lose no increment', async () => {
  const key = `${target.prefix}counter.json`;
  const setup = target.client();
  await setup.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: '[]' }));
  let conflicts = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      // One SDK client each: separate connections, as separate Lambda instances would have.
      const s3 = target.client({ maxAttempts: 1 });
      for (let i = 0; i < INCREMENTS_EACH; i++) {
        const attempts = await appendWithIfMatch(s3, key, `${client}:${i}`);
        conflicts += attempts - 1;
      }
    })
  );
  const final = await setup.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
  const entries = JSON.parse(await final.Body!.transformToString()) as string[];
  expect(entries).toHaveLength(CLIENTS * INCREMENTS_EACH);
  expect(new Set(entries).size).toBe(CLIENTS * INCREMENTS_EACH);
  // The clients really raced (otherwise this test would prove nothing).
  expect(conflicts).toBeGreaterThan(0);
});
