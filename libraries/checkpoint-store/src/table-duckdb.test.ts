import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import { type TableColumn, type TableDefinition, tables } from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';

import { append } from './append';
import { MemoryObjectStore } from './store/memory-object-store';
import { schemaElementsFromTable } from './table-schema-elements';
import { exampleRow } from './testing/row-arbitraries';

/** What DuckDB's DESCRIBE must show for each mapped column type (README of schemas, "Tables"). */
const DUCKDB_TYPES: Record<TableColumn['type'], string> = {
  string: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  int32: 'INTEGER',
  int64: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  json: 'JSON'
};

/**
 * Two rows per column: a value DuckDB must read back exactly (as SQL text), then null where the column
 * is OPTIONAL (the same value again where it is REQUIRED). Values as hyparquet-writer takes them.
 */
const SAMPLES: Record<TableColumn['type'], [written: unknown, asText: string]> = {
  string: ['naïve «text»', 'naïve «text»'],
  date: [19_737, '2024-01-15'], // days since the epoch
  timestamp: [1_705_314_000_123_456n, '2024-01-15 10:20:00.123456+00'], // µs since the epoch
  int32: [-2_147_483_648, '-2147483648'],
  int64: [9_007_199_254_740_991n, '9007199254740991'],
  double: [0.412, '0.412'],
  boolean: [true, 'true'],
  json: [{ manufacturer: 'Quanterix', serial: null }, '{"manufacturer":"Quanterix","serial":null}']
};

function sampleFile(table: TableDefinition): Uint8Array {
  const columnData: ColumnSource[] = table.columns.map((column) => {
    const [value] = SAMPLES[column.type];
    return { name: column.name, data: [value, column.repetition === 'OPTIONAL' ? null : value] };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, schema: schemaElementsFromTable(table) }));
}

describe('every generated table reads back in DuckDB with the mapped types', () => {
  let duckdb: DuckDbReader;
  beforeAll(async () => {
    duckdb = await DuckDbReader.open();
    await duckdb.query("SET TimeZone = 'UTC'");
  });
  afterAll(() => duckdb.close());

  it.each(Object.keys(tables))(
    '%s: DESCRIBE shows each mapped type, values and nulls read back exactly',
    async (name) => {
      const table: TableDefinition = tables[name as keyof typeof tables];
      const path = duckdb.file(sampleFile(table));

      expect(await duckdb.types(path)).toEqual(
        Object.fromEntries(table.columns.map((column) => [column.name, DUCKDB_TYPES[column.type]]))
      );

      const select = table.columns
        .map(({ name: column }) => `CAST("${column}" AS VARCHAR) AS "${column}"`)
        .join(', ');
      const rows = await duckdb.query(`SELECT ${select} FROM read_parquet('${path}')`);
      expect(rows).toEqual([
        Object.fromEntries(table.columns.map((column) => [column.name, SAMPLES[column.type][1]])),
        Object.fromEntries(
          table.columns.map((column) => [
            column.name,
            column.repetition === 'OPTIONAL' ? null : SAMPLES[column.type][1]
          ])
        )
      ]);
    }
  );

  it('the visit-event table’s file and a checkpoint written by the store DESCRIBE the same in DuckDB', async () => {
    const store = new MemoryObjectStore();
    await append(store, 'checkpoints/adrc/form/events.parquet', [exampleRow(1)], { key: 'k', version: 'v' });
    const checkpoint = duckdb.file(store.get('checkpoints/adrc/form/events.parquet') as Uint8Array);
    const derived = duckdb.file(sampleFile(tables['visit-event']));
    expect(Object.entries(await duckdb.types(derived))).toEqual(
      Object.entries(await duckdb.types(checkpoint))
    );
  });
});
