import { readFileSync } from 'fs';

import { IncompatibleSchemaError } from './errors';
import type { CheckpointLogger } from './logger';
import { MemoryObjectStore } from './store/memory-object-store';
import { DuckDbReader } from '@reporting/test-kit';
import {
  exampleRow,
  multiset,
  readVisitRows,
  storedVisit,
  visitLayout,
  visits
} from './testing/row-arbitraries';

const KEY = 'checkpoints/adrc/form/events.parquet';
const EVENT_SELECT = visitLayout.dataColumns.map(({ name }) => `"${name}"`).join(', ');

describe('checkpoints written by DuckDB', () => {
  let duckdb: DuckDbReader;
  let ours: string;
  const original = Array.from({ length: 300 }, (_, i) =>
    exampleRow(i, 1_700_000_000_000_000n - BigInt(i) * 7_000_001n)
  );

  beforeAll(async () => {
    duckdb = await DuckDbReader.open();
    const store = new MemoryObjectStore();
    await visits.append(store, KEY, original, { key: 'seed', version: '1' });
    ours = duckdb.file(store.get(KEY) as Uint8Array);
  });
  afterAll(() => duckdb.close());

  /** A file DuckDB writes from `select` over our seed file. */
  async function duckdbFile(select: string): Promise<Uint8Array> {
    const path = `${duckdb.folder}/duck-${Math.random().toString(36).slice(2)}.parquet`;
    await duckdb.query(
      `COPY (${select.replace('$seed', `read_parquet('${ours}')`)}) TO '${path}' (FORMAT parquet)`
    );
    return new Uint8Array(readFileSync(path));
  }

  function recordingLogger(): CheckpointLogger & { lines: string[] } {
    const lines: string[] = [];
    const record = (message: string): void => {
      lines.push(message);
    };
    return { lines, info: record, warn: record };
  }

  test('appending to a DuckDB-written 13-column checkpoint upgrades it once (logged) and keeps every row', async () => {
    const store = new MemoryObjectStore();
    store.put(KEY, await duckdbFile(`SELECT ${EVENT_SELECT} FROM $seed`));
    expect((await visits.stats(store, KEY))?.schema).toBe('upgrade');
    const logger = recordingLogger();
    const first = await visits.append(
      store,
      KEY,
      [exampleRow(1000)],
      { key: 'new-1', version: 'v' },
      { logger, clock: () => 5n }
    );
    expect(first).toMatchObject({ status: 'applied', upgraded: true, totalRows: 301 });
    expect(logger.lines).toEqual([
      'checkpoint written under an older schema: upgrading it with a full compaction'
    ]);
    const second = await visits.append(
      store,
      KEY,
      [exampleRow(1001)],
      { key: 'new-2', version: 'v' },
      { logger, clock: () => 6n }
    );
    expect(second.upgraded).toBe(false);
    expect(logger.lines).toHaveLength(1);

    const expected = [
      ...original.map((row) => ({ ...row, source_key: null, source_version: null, ingested_at: null })),
      storedVisit(exampleRow(1000), { key: 'new-1', version: 'v' }, 5n),
      storedVisit(exampleRow(1001), { key: 'new-2', version: 'v' }, 6n)
    ];
    expect(multiset(await readVisitRows(store, KEY))).toEqual(multiset(expected));
    const path = duckdb.file(store.get(KEY) as Uint8Array);
    expect(multiset(await duckdb.rows(path))).toEqual(multiset(expected));
    expect((await duckdb.types(path)).timestamp).toBe('TIMESTAMP WITH TIME ZONE');
  });

  test('a Polars-style file (BIGINT adcid, millisecond UTC timestamps, other column order) is upgraded by a full compaction', async () => {
    const store = new MemoryObjectStore();
    store.put(
      KEY,
      await duckdbFile(
        `SELECT "timestamp"::TIMESTAMP_MS::TIMESTAMPTZ AS "timestamp", pipeline_adcid::BIGINT AS pipeline_adcid, * EXCLUDE ("timestamp", pipeline_adcid) FROM (SELECT ${EVENT_SELECT} FROM $seed)`
      )
    );
    const result = await visits.compact(store, KEY, { logger: recordingLogger() });
    expect(result).toMatchObject({ upgraded: true, rowsAfter: 300, duplicateRowsRemoved: 0 });
    const rows = await readVisitRows(store, KEY);
    expect(rows.map((row) => row.pipeline_adcid).sort()).toEqual(
      original.map((row) => row.pipeline_adcid).sort()
    );
    expect(rows.every((row) => row.timestamp % 1000n === 0n)).toBe(true);
    expect((await visits.stats(store, KEY))?.schema).toBe('current');
  });

  test('files that cannot hold checkpoint rows are refused with the reason and left untouched', async () => {
    const cases: Array<[string, RegExp]> = [
      [`SELECT ${EVENT_SELECT}, 1 AS extra FROM $seed`, /unexpected column "extra"/],
      [`SELECT * EXCLUDE (ptid) FROM (SELECT ${EVENT_SELECT} FROM $seed)`, /column "ptid" is missing/],
      [
        `SELECT * REPLACE ("timestamp"::TIMESTAMP AS "timestamp") FROM (SELECT ${EVENT_SELECT} FROM $seed)`,
        /"timestamp" must be an INT64 timestamp adjusted to UTC/
      ],
      [
        `SELECT * REPLACE (pipeline_adcid::VARCHAR AS pipeline_adcid) FROM (SELECT ${EVENT_SELECT} FROM $seed)`,
        /"pipeline_adcid" must be a signed integer/
      ],
      [
        `SELECT * REPLACE (NULL::VARCHAR AS ptid) FROM (SELECT ${EVENT_SELECT} FROM $seed)`,
        /"ptid" is null at row 0/
      ],
      [
        `SELECT * REPLACE (pipeline_adcid::BIGINT * 4294967296 AS pipeline_adcid) FROM (SELECT ${EVENT_SELECT} FROM $seed)`,
        /outside INT32/
      ]
    ];
    for (const [select, reason] of cases) {
      const store = new MemoryObjectStore();
      const etag = store.put(KEY, await duckdbFile(select));
      const attempt = visits.append(
        store,
        KEY,
        [exampleRow(1)],
        { key: 'x', version: 'v' },
        { logger: recordingLogger() }
      );
      await expect(attempt).rejects.toThrow(IncompatibleSchemaError);
      await expect(visits.compact(store, KEY, { logger: recordingLogger() })).rejects.toThrow(reason);
      expect(store.etag(KEY)).toBe(etag);
    }
  });
});
