import { encodeCheckpointFile } from './parquet/row-group-encoder';
import { CommitConflictError, CorruptCheckpointError, InvalidRowError, NotParquetError } from './errors';
import { MemoryObjectStore } from './store/memory-object-store';
import {
  type CheckpointRow,
  exampleRow,
  readVisitRows,
  visitLayout,
  visits
} from './testing/row-arbitraries';

const KEY = 'checkpoints/adrc/form/events.parquet';
const silent = { info: (): void => undefined, warn: (): void => undefined };
const source = (i: number): { key: string; version: string } => ({
  key: `prod/log-${i}.json`,
  version: `"etag${i}"`
});
const rows = (from: number, count: number): CheckpointRow[] =>
  Array.from({ length: count }, (_, i) => exampleRow(from + i));

describe('append', () => {
  test('creates the checkpoint with If-None-Match, then appends, and re-appending a recorded source is a no-op', async () => {
    const store = new MemoryObjectStore();
    const first = await visits.append(store, KEY, rows(0, 3), source(1));
    expect(first).toMatchObject({ status: 'applied', created: true, rowsAppended: 3, totalRows: 3 });
    const second = await visits.append(store, KEY, rows(3, 2), source(2));
    expect(second).toMatchObject({ status: 'applied', created: false, totalRows: 5 });
    const etag = store.etag(KEY);
    const again = await visits.append(store, KEY, rows(100, 7), source(1));
    expect(again).toMatchObject({ status: 'skipped', committed: false, rowsAppended: 0, etag });
    expect(store.etag(KEY)).toBe(etag);
    expect(await readVisitRows(store, KEY)).toHaveLength(5);
  });

  test('a string starting with U+FEFF (a byte order mark) keeps it through appends and a compaction', async () => {
    const store = new MemoryObjectStore();
    await visits.append(store, KEY, [{ ...exampleRow(1), module: '\uFEFF', packet: '\uFEFFI' }], source(1));
    await visits.append(store, KEY, rows(2, 1), source(2));
    await visits.compact(store, KEY);
    const [first] = await readVisitRows(store, KEY);
    expect([first.module, first.packet]).toEqual(['\uFEFF', '\uFEFFI']);
  });

  test('appendBatches applies several sources in one commit and reports applied and skipped per source', async () => {
    const store = new MemoryObjectStore();
    await visits.append(store, KEY, rows(0, 1), source(1));
    const result = await visits.appendBatches(store, KEY, [
      { source: source(1), rows: rows(10, 1) },
      { source: source(2), rows: rows(20, 2) },
      { source: source(2), rows: rows(30, 2) },
      { source: source(3), rows: [] }
    ]);
    expect(result.applied).toEqual([source(2), source(3)]);
    expect(result.skipped).toEqual([source(1), source(2)]);
    expect(result.rowsAppended).toBe(2);
    expect(store.traffic.writes).toBe(2);
    const stored = await readVisitRows(store, KEY);
    expect(stored.map((row) => row.source_key).sort()).toEqual([source(1).key, source(2).key, source(2).key]);
    expect((await visits.append(store, KEY, rows(0, 1), source(3))).status).toBe('skipped');
  });

  test('from the part-size minimum up, only the new row group and footer are uploaded; the prefix is copied', async () => {
    const store = new MemoryObjectStore({ minimumPrefixBytes: 32 * 1024 });
    await visits.append(store, KEY, rows(0, 20_000), source(0), { rowGroupRows: 10_000 });
    const size = (await visits.stats(store, KEY))?.sizeBytes ?? 0;
    expect(size).toBeGreaterThan(32 * 1024);
    const result = await visits.append(store, KEY, rows(20_000, 1), source(1));
    expect(result.bytesCopied).toBeGreaterThan(32 * 1024);
    expect(result.bytesUploaded).toBeLessThan(8 * 1024); // one tiny row group + the footer
    expect(store.traffic.bytesRead).toBeLessThan(200 * 1024); // the tail, not the file
    expect(await readVisitRows(store, KEY)).toHaveLength(20_001);
  });

  test('a lost race re-reads and retries, and the competing write survives (no lost update)', async () => {
    let competeNext = false;
    let competitor = 50;
    const store: MemoryObjectStore = new MemoryObjectStore({
      beforeWrite: async () => {
        if (!competeNext) return;
        competeNext = false;
        competitor++;
        // another writer commits between our read and our write
        await visits.append(store, KEY, rows(competitor, 1), source(competitor));
      }
    });
    const fast = { sleep: async (): Promise<void> => undefined };
    competeNext = true;
    const created = await visits.append(store, KEY, rows(0, 1), source(0), fast);
    expect(created).toMatchObject({ attempts: 2, created: false });
    competeNext = true;
    const appended = await visits.append(store, KEY, rows(1, 1), source(1), fast);
    expect(appended.attempts).toBe(2);
    const keys = (await readVisitRows(store, KEY)).map((row) => row.source_key);
    expect(keys.sort()).toEqual([source(0).key, source(1).key, source(51).key, source(52).key]);
  });

  test('after the attempt bound it fails with CommitConflictError and writes nothing', async () => {
    const store: MemoryObjectStore = new MemoryObjectStore({
      beforeWrite: () => {
        store.put(KEY, store.get(KEY) ?? new Uint8Array()); // same bytes, new object: keep stealing the race
        store.put(KEY, encodeCheckpointFile(visitLayout, [], 10, { n: String(Math.random()) }));
      }
    });
    await expect(
      visits.append(store, KEY, rows(0, 1), source(0), { maxAttempts: 4, sleep: async () => undefined })
    ).rejects.toThrow(CommitConflictError);
    expect(store.traffic.writes).toBe(0);
  });

  test('a non-parquet, a corrupt or an incompatible object is never overwritten, and the error says which', async () => {
    const store = new MemoryObjectStore();
    const cases: Array<[Uint8Array, new (...args: never[]) => Error, RegExp]> = [
      [new TextEncoder().encode('{"not":"parquet"}'), NotParquetError, /does not end with the parquet magic/],
      [new TextEncoder().encode('PAR1'), NotParquetError, /too short/],
      [
        corrupt(encodeCheckpointFile(visitLayout, rows(0, 5).map(stored), 10, {})),
        CorruptCheckpointError,
        /footer/
      ],
      [
        new Uint8Array([0, 0, 0, 0, ...encodeCheckpointFile(visitLayout, [], 10, {}).subarray(4)]),
        CorruptCheckpointError,
        /start with/
      ]
    ];
    for (const [bytes, type, message] of cases) {
      const etag = store.put(KEY, bytes);
      const attempt = visits.append(store, KEY, rows(0, 1), source(9));
      await expect(attempt).rejects.toThrow(type);
      await expect(visits.append(store, KEY, rows(0, 1), source(9))).rejects.toThrow(message);
      expect(store.etag(KEY)).toBe(etag);
    }
  });

  test('rows that do not fit the columns are refused before anything is read', async () => {
    const store = new MemoryObjectStore();
    const bad = [
      { ...exampleRow(0), pipeline_adcid: 2 ** 31 },
      { ...exampleRow(0), timestamp: 5 as unknown as bigint },
      { ...exampleRow(0), ptid: null as unknown as string },
      { ...exampleRow(0), module: 7 as unknown as string }
    ];
    for (const row of bad) {
      await expect(visits.append(store, KEY, [row], source(0))).rejects.toThrow(InvalidRowError);
    }
    expect(store.traffic.bytesRead).toBe(0);
  });

  test('reading columns and stats', async () => {
    const store = new MemoryObjectStore();
    expect(await visits.stats(store, KEY)).toBeUndefined();
    expect(await readVisitRows(store, KEY)).toEqual([]);
    expect(await visits.readColumns(store, KEY)).toBeUndefined();
    await visits.append(store, KEY, [exampleRow(1, 30n), exampleRow(2, 10n)], source(1), { logger: silent });
    await visits.append(store, KEY, [exampleRow(3, 20n)], source(2), { logger: silent });
    const columns = await visits.readColumns(store, KEY, ['timestamp', 'ptid']);
    expect(columns).toEqual({ timestamp: [10n, 30n, 20n], ptid: ['P000002', 'P000001', 'P000003'] });
    await expect(visits.readColumns(store, KEY, ['lab_site'])).rejects.toThrow(
      'table visit-event has no column lab_site'
    );
    expect(await visits.stats(store, KEY)).toMatchObject({
      rows: 3,
      rowGroups: 2,
      rowGroupRows: [2, 1],
      minSortValue: 10n,
      maxSortValue: 30n,
      appliedSourcesRecorded: 2,
      schema: 'current'
    });
  });
});

function stored(row: CheckpointRow) {
  return { ...row, source_key: null, source_version: null, ingested_at: null };
}

/** Flips bytes inside the footer's thrift while keeping the trailer valid. */
function corrupt(file: Uint8Array): Uint8Array {
  const out = file.slice();
  const length = new DataView(out.buffer).getUint32(out.length - 8, true);
  const start = out.length - 8 - length;
  for (let i = start; i < start + 12; i++) out[i] = 0xff;
  return out;
}
