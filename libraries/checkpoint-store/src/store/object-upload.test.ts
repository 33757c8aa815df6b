import { ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { createLocalS3Client, type LocalS3, startLocalS3 } from '@reporting/local-aws';
import { type TableDefinition, tableColumn } from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';

import { CheckpointTable } from '../checkpoint-table';
import { CommitConflictError } from '../errors';
import { columnVector } from '../table/column-vector';
import { testTable } from '../testing/test-table';

import { MemoryObjectStore } from './memory-object-store';
import { type ObjectStore, PreconditionFailedError, S3_MINIMUM_PART_BYTES } from './object-store';
import { S3ObjectStore, UPLOAD_PARTS_IN_FLIGHT } from './s3-object-store';

const BUCKET = 'uploads';
const PART = S3_MINIMUM_PART_BYTES;

/** `length` bytes, different for every seed, cut into chunks of uneven sizes (none aligned to a part). */
function chunked(length: number, seed: number): { whole: Uint8Array; chunks: Uint8Array[] } {
  const whole = Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + (i >> 13)) % 251);
  const chunks: Uint8Array[] = [];
  for (let start = 0, size = 1; start < length; start += size, size = (size * 5 + 12_345) % 3_000_001) {
    chunks.push(whole.subarray(start, Math.min(length, start + size)));
  }
  return { whole, chunks };
}

async function upload(store: ObjectStore, key: string, chunks: Uint8Array[], condition = {}) {
  const writing = store.beginUpload(key, { ifNoneMatch: '*', ...condition });
  for (let i = 0; i < chunks.length; i += 3) await writing.append(chunks.slice(i, i + 3));
  return writing.complete();
}

async function readAll(store: ObjectStore, key: string): Promise<Uint8Array | undefined> {
  const tail = await store.readTail(key, 2 ** 30);
  return tail?.bytes;
}

let s3: LocalS3;
let client: S3Client;
const stores: [string, () => ObjectStore][] = [
  ['memory', () => new MemoryObjectStore()],
  ['local S3', () => new S3ObjectStore(client, BUCKET, undefined, PART)]
];

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: [BUCKET] });
  client = createLocalS3Client(s3.endpoint);
});
afterAll(async () => {
  client.destroy();
  await s3.stop();
});
afterEach(() => s3.setFaults(undefined));

describe.each(stores)('beginUpload on the %s store', (_name, makeStore) => {
  test('bytes appended in uneven chunks, small or over several parts, read back whole and in order', async () => {
    const store = makeStore();
    for (const [index, length] of [0, 1_000, PART, 2 * PART + 777_777].entries()) {
      const { whole, chunks } = chunked(length, index);
      const { etag } = await upload(store, `whole/${index}`, chunks);
      const tail = await store.readTail(`whole/${index}`, length + 1);
      expect(tail?.size).toBe(length);
      expect(tail?.etag).toBe(etag);
      expect(Buffer.from(tail?.bytes ?? []).equals(Buffer.from(whole))).toBe(true);
    }
  });

  test('nothing is visible before complete, and an aborted upload writes nothing', async () => {
    const store = makeStore();
    const { chunks } = chunked(PART + 10, 9);
    const writing = store.beginUpload('pending', { ifNoneMatch: '*' });
    await writing.append(chunks);
    expect(await store.readTail('pending', 10)).toBeUndefined();
    await writing.abort();
    expect(await store.readTail('pending', 10)).toBeUndefined();
  });

  test('the condition is checked at complete: a stale version or an existing key loses, the object stays as it was', async () => {
    const store = makeStore();
    const first = chunked(PART + 5, 1);
    const { etag } = await upload(store, 'raced', first.chunks);
    const late = store.beginUpload('raced', { ifNoneMatch: '*' });
    const stale = store.beginUpload('raced', { ifMatch: etag });
    const second = chunked(2 * PART + 3, 2);
    await upload(store, 'raced', second.chunks, { ifMatch: etag }); // the winner
    await late.append(chunked(PART + 1, 3).chunks);
    await stale.append(chunked(100, 4).chunks);
    await expect(late.complete()).rejects.toThrow(PreconditionFailedError);
    await expect(stale.complete()).rejects.toThrow(PreconditionFailedError);
    expect(Buffer.from((await readAll(store, 'raced')) ?? []).equals(Buffer.from(second.whole))).toBe(true);
  });
});

describe('beginUpload on S3: a multipart upload of fixed-size parts', () => {
  test('parts of the configured size, at most UPLOAD_PARTS_IN_FLIGHT on the wire, then one conditional complete', async () => {
    const operations: string[] = [];
    const stop = s3.onRequest((record) => operations.push(record.operation));
    let inFlight = 0;
    let mostInFlight = 0;
    const counting = createLocalS3Client(s3.endpoint);
    counting.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'UploadPartCommand') return next(args);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize' }
    );
    try {
      const store = new S3ObjectStore(counting, BUCKET, undefined, PART);
      const { whole, chunks } = chunked(5 * PART + 1, 5);
      await upload(store, 'parts', chunks);
      expect(Buffer.from((await readAll(store, 'parts')) ?? []).equals(Buffer.from(whole))).toBe(true);
      expect(operations.filter((o) => o !== 'GetObject')).toEqual([
        'CreateMultipartUpload',
        ...Array<string>(6).fill('UploadPart'),
        'CompleteMultipartUpload'
      ]);
      expect(mostInFlight).toBeGreaterThan(1);
      expect(mostInFlight).toBeLessThanOrEqual(UPLOAD_PARTS_IN_FLIGHT);
    } finally {
      stop();
      counting.destroy();
    }
  });

  test('a part answered with a 500 is sent again (the SDK retries the same buffer) and the object is intact', async () => {
    const store = new S3ObjectStore(client, BUCKET, undefined, PART);
    let uploadParts = 0;
    // The first and third UploadPart requests fail (never the same part three times: the SDK's budget).
    s3.setFaults({
      rate: 1,
      kinds: ['internal-error'],
      match: (c) => c.operation === 'UploadPart' && [1, 3].includes(++uploadParts)
    });
    const { whole, chunks } = chunked(4 * PART + 99, 6);
    await upload(store, 'retried', chunks);
    expect(uploadParts).toBeGreaterThanOrEqual(5 + 2);
    expect(Buffer.from((await readAll(store, 'retried')) ?? []).equals(Buffer.from(whole))).toBe(true);
  });

  test('a part that keeps failing fails the upload: the previous object stays, the upload is aborted', async () => {
    const store = new S3ObjectStore(client, BUCKET, undefined, PART);
    const before = chunked(1000, 7);
    const { etag } = await upload(store, 'failing', before.chunks);
    s3.setFaults({ rate: 1, kinds: ['internal-error'], match: (c) => c.operation === 'UploadPart' });
    const writing = store.beginUpload('failing', { ifMatch: etag });
    const outcome = (async () => {
      await writing.append(chunked(4 * PART, 8).chunks);
      return writing.complete();
    })();
    await expect(outcome).rejects.toThrow();
    await writing.abort();
    s3.setFaults(undefined);
    expect(Buffer.from((await readAll(store, 'failing')) ?? []).equals(Buffer.from(before.whole))).toBe(true);
    const open = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'failing' }));
    expect(open.Uploads ?? []).toEqual([]);
  });

  test('parts smaller than S3 allows are refused when the store is made', () => {
    expect(() => new S3ObjectStore(client, BUCKET, undefined, PART - 1)).toThrow(/at least 5 MiB/);
  });
});

describe('replaceBatches on S3: a file larger than one part', () => {
  const TABLE: TableDefinition = testTable('uploads', [
    tableColumn('id', 'int64', { required: true }),
    tableColumn('note', 'string')
  ]);
  const engine = CheckpointTable.of(TABLE);
  const ROWS = 160_000;
  const BATCH = 20_000;
  /** Notes of 120 pseudo-random base-36 characters: about 10 MB of parquet, two parts and a last one. */
  const noteOf = (id: number) =>
    Array.from({ length: 8 }, (_, i) =>
      Math.imul(id * 8 + i + 1, 0x9e3779b1)
        .toString(36)
        .padStart(15, '0')
    ).join('');
  function* batches() {
    for (let start = 0; start < ROWS; start += BATCH) {
      const [id, note] = TABLE.columns.slice(0, 2).map((column) => columnVector(column, BATCH));
      for (let row = start; row < start + BATCH; row++) {
        id.push(row);
        note.push(row % 10 === 0 ? null : noteOf(row));
      }
      yield { rowCount: BATCH, columns: { id, note } };
    }
  }

  test('streams out in parts and reads back whole; a concurrent replace of the old version loses, nothing of it written', async () => {
    const store = new S3ObjectStore(client, BUCKET, undefined, PART);
    const operations: string[] = [];
    const stop = s3.onRequest((record) => operations.push(record.operation));
    try {
      const first = await engine.replaceBatches(store, 'table/big.parquet', batches(), {
        key: 'a',
        version: '1'
      });
      expect(first.bytes).toBeGreaterThan(PART);
      expect(operations.filter((o) => o === 'UploadPart').length).toBe(Math.ceil(first.bytes / PART));
      expect(operations).toContain('CompleteMultipartUpload');
      const duckdb = await DuckDbReader.open();
      try {
        const path = duckdb.file((await store.readTail('table/big.parquet', 2 ** 30))!.bytes);
        expect(
          await duckdb.query(
            `SELECT count(*) AS n, count(note) AS notes, max(id) AS last,
                    max(CASE WHEN id = 1 THEN note END) AS second FROM read_parquet('${path}')`
          )
        ).toEqual([
          { n: BigInt(ROWS), notes: BigInt(ROWS - ROWS / 10), last: BigInt(ROWS - 1), second: noteOf(1) }
        ]);
      } finally {
        duckdb.close();
      }

      // Two replaces of the version just written, started together (both read it before either
      // completes): one wins, the other fails with CommitConflictError and leaves no upload behind.
      const results = await Promise.allSettled(
        ['b', 'c'].map((key) =>
          engine.replaceBatches(store, 'table/big.parquet', batches(), { key, version: '1' })
        )
      );
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(CommitConflictError);
      const won = results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{
        etag: string;
      }>;
      expect((await store.readTail('table/big.parquet', 8))?.etag).toBe(won.value.etag);
      expect(won.value.etag).not.toBe(first.etag);
      const open = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'table/' }));
      expect(open.Uploads ?? []).toEqual([]);
    } finally {
      stop();
    }
  });
});
