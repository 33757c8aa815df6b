import { readFileSync } from 'fs';
import { join } from 'path';

import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createLocalS3Client, type LocalS3, startLocalS3 } from '@reporting/local-aws';
import { type TableColumn, type TableDefinition, visitEventTable } from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';

import { CheckpointTable } from './checkpoint-table';
import { IncompatibleSchemaError } from './errors';
import { S3ObjectStore } from './store/s3-object-store';
import { exampleRow } from './testing/row-arbitraries';

const BUCKET = 'checkpoints';
const KEY = 'checkpoints/adrc/form/events.parquet';
const FIXTURE = join(__dirname, '..', 'test-fixtures', 'visit-events-written-before-generic-tables.parquet');
const APPENDERS = 8;
const ROWS_EACH = 25;

/** The visit-event table after a compatible schema edit: a new optional property before the lineage columns. */
function withNewColumn(table: TableDefinition, column: TableColumn): TableDefinition {
  const data = table.columns.filter((c) => !c.lineage);
  const lineage = table.columns.filter((c) => c.lineage);
  return { ...table, version: '1.1.0', columns: [...data, column, ...lineage] };
}

const labSite: TableColumn = {
  name: 'lab_site',
  type: 'string',
  physicalType: 'BYTE_ARRAY',
  convertedType: 'UTF8',
  logicalType: { type: 'STRING' },
  repetition: 'OPTIONAL',
  dictionary: false,
  lineage: false
};

describe('a compatible table edit reaches an existing checkpoint', () => {
  let s3: LocalS3;
  let client: S3Client;
  let store: S3ObjectStore;
  let duckdb: DuckDbReader;
  beforeAll(async () => {
    s3 = await startLocalS3({ buckets: [BUCKET] });
    client = createLocalS3Client(s3.endpoint, {
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED'
    });
    store = new S3ObjectStore(client, BUCKET);
    duckdb = await DuckDbReader.open();
    await duckdb.query("SET TimeZone = 'UTC'");
  });
  afterAll(async () => {
    duckdb.close();
    client.destroy();
    await s3.stop();
  });

  test('8 concurrent appenders: upgraded once, old rows null in the new column, new rows valued, none lost or doubled', async () => {
    const before = readFileSync(FIXTURE);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: before }));
    const evolved = CheckpointTable.of(withNewColumn(visitEventTable, labSite));
    const old = CheckpointTable.of(visitEventTable);
    const oldRows = await old.readRows(store, KEY);
    expect((await evolved.stats(store, KEY))?.schema).toBe('upgrade');

    const infos: unknown[] = [];
    const logger = {
      info: (_m: string, details?: unknown): void => {
        infos.push(details);
      },
      warn: () => undefined
    };
    const results = await Promise.all(
      Array.from({ length: APPENDERS }, (_, w) =>
        evolved.append(
          store,
          KEY,
          Array.from({ length: ROWS_EACH }, (_, i) => ({
            ...exampleRow(1000 + w * ROWS_EACH + i),
            lab_site: `site-${w}`
          })),
          { key: `prod/after-edit-${w}.json`, version: 'v1' },
          { logger, maxAttempts: 200, baseDelayMs: 5, maxDelayMs: 200 }
        )
      )
    );

    expect(results.every((result) => result.status === 'applied')).toBe(true);
    expect(results.filter((result) => result.upgraded)).toHaveLength(1);
    expect(results.find((result) => result.upgraded)?.upgradeReasons).toEqual(['new columns lab_site']);
    expect((await evolved.stats(store, KEY))?.schema).toBe('current');
    expect(infos).toContainEqual(expect.objectContaining({ key: KEY, reasons: ['new columns lab_site'] }));

    const rows = await evolved.readRows(store, KEY);
    expect(rows).toHaveLength(oldRows.length + APPENDERS * ROWS_EACH);
    const oldOnes = rows.filter((row) => !String(row.source_key).startsWith('prod/after-edit-'));
    expect(oldOnes.map((row) => ({ ...row, lab_site: undefined }))).toEqual(
      expect.arrayContaining(oldRows.map((row) => ({ ...row, lab_site: undefined })))
    );
    expect(oldOnes).toHaveLength(oldRows.length);
    expect(oldOnes.every((row) => row.lab_site === null)).toBe(true);
    for (let w = 0; w < APPENDERS; w++) {
      const mine = rows.filter((row) => row.source_key === `prod/after-edit-${w}.json`);
      expect(mine).toHaveLength(ROWS_EACH);
      expect(mine.every((row) => row.lab_site === `site-${w}`)).toBe(true);
    }

    // And an independent reader agrees: DuckDB sees the column, null in old rows.
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    const path = duckdb.file(
      await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()
    );
    expect((await duckdb.types(path)).lab_site).toBe('VARCHAR');
    expect(
      await duckdb.query(
        `SELECT count(*) FILTER (WHERE lab_site IS NULL) AS nulls, count(lab_site) AS valued, count(*) AS total FROM read_parquet('${path}')`
      )
    ).toEqual([
      { nulls: BigInt(oldRows.length), valued: BigInt(APPENDERS * ROWS_EACH), total: BigInt(rows.length) }
    ]);

    // The previous table version can no longer write it (it would drop the column), and says so.
    await expect(old.append(store, KEY, [exampleRow(1)], { key: 'late.json', version: 'v' })).rejects.toThrow(
      new IncompatibleSchemaError(
        'the file\'s schema cannot hold rows of table visit-event: unexpected column "lab_site" (rewriting would lose it)'
      )
    );
  });
});
