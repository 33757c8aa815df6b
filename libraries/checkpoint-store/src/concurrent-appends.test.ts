import { randomBytes } from 'crypto';

import type { S3Client } from '@aws-sdk/client-s3';
import { createLocalS3Client, type LocalS3, startLocalS3 } from '@reporting/local-aws';

import { S3_MINIMUM_PART_BYTES } from './store/object-store';
import { S3ObjectStore } from './store/s3-object-store';
import { type CheckpointRow, exampleRow, readVisitRows, visits } from './testing/row-arbitraries';

const BUCKET = 'checkpoints';
const silent = { info: (): void => undefined, warn: (): void => undefined };

/** Rows with incompressible strings, to make a multi-MiB checkpoint quickly. */
function bulkyRows(count: number): CheckpointRow[] {
  return Array.from({ length: count }, (_, i) => ({
    ...exampleRow(i),
    ptid: randomBytes(5).toString('hex'),
    visit_number: randomBytes(16).toString('base64'),
    gear_name: randomBytes(16).toString('base64')
  }));
}

describe('concurrent appenders on the local S3', () => {
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

  async function race(key: string, writers: number): Promise<number> {
    const results = await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        visits.appendBatches(
          store,
          key,
          [
            {
              source: { key: `prod/log-${w}.json`, version: 'v1' },
              rows: [exampleRow(w * 10), exampleRow(w * 10 + 1)]
            },
            { source: { key: `prod/log-shared.json`, version: 'v1' }, rows: [exampleRow(999_999)] }
          ],
          { logger: silent, maxAttempts: 200, baseDelayMs: 5, maxDelayMs: 200 }
        )
      )
    );
    return results.reduce((sum, result) => sum + result.attempts, 0);
  }

  function expectEachSourceOnce(
    rows: Array<{ source_key: string | null }>,
    writers: number,
    extra = 0
  ): void {
    const counts = new Map<string | null, number>();
    for (const row of rows) counts.set(row.source_key, (counts.get(row.source_key) ?? 0) + 1);
    for (let w = 0; w < writers; w++) expect(counts.get(`prod/log-${w}.json`)).toBe(2);
    expect(counts.get('prod/log-shared.json')).toBe(1); // delivered to every writer, applied once
    expect(rows).toHaveLength(writers * 2 + 1 + extra);
  }

  test('32 concurrent appenders to one new checkpoint: every row present exactly once', async () => {
    const attempts = await race('small/events.parquet', 32);
    expect(attempts).toBeGreaterThan(32); // they did collide
    expectEachSourceOnce(await readVisitRows(store, 'small/events.parquet'), 32);
  });

  test('8 concurrent appenders to a checkpoint above 5 MiB (multipart + UploadPartCopy): every row present once', async () => {
    const key = 'big/events.parquet';
    const seed = bulkyRows(100_000);
    await visits.append(store, key, seed, { key: 'seed', version: '1' }, { logger: silent });
    expect((await visits.stats(store, key))?.sizeBytes).toBeGreaterThan(S3_MINIMUM_PART_BYTES);
    const uploads: number[] = [];
    const stop = s3.onRequest((record) => {
      if (record.operation === 'PutObject') uploads.push(record.wireBytes);
    });
    const started = performance.now();
    const attempts = await race(key, 8);
    console.log(
      `8 appenders on a 5 MiB checkpoint: ${attempts} attempts in ${Math.round(performance.now() - started)} ms`
    );
    stop();
    expect(uploads).toEqual([]); // no whole-file PUT: every commit copied its prefix
    expectEachSourceOnce(await readVisitRows(store, key), 8, seed.length);
  });
});
