import { type TableColumn, type TableDefinition, tables } from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';

import { CheckpointTable } from './checkpoint-table';
import { MemoryObjectStore } from './store/memory-object-store';

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
 * is OPTIONAL (the same value again where it is REQUIRED). Values in the engine's types (TableRow).
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

const KEY = 'tables/sample.parquet';

/** A checkpoint of the table written by the engine: two rows from one source (lineage filled by the engine). */
async function sampleFile(table: TableDefinition): Promise<Uint8Array> {
  const data = table.columns.filter((column) => !column.lineage);
  const first = Object.fromEntries(data.map((column) => [column.name, SAMPLES[column.type][0]]));
  const second = Object.fromEntries(
    data.map((column) => [column.name, column.repetition === 'OPTIONAL' ? null : SAMPLES[column.type][0]])
  );
  const store = new MemoryObjectStore();
  await CheckpointTable.of(table).append(store, KEY, [first, second], {
    key: 'in/sample.json',
    version: 'v1'
  });
  return store.get(KEY) as Uint8Array;
}

describe('every generated table reads back in DuckDB with the mapped types', () => {
  let duckdb: DuckDbReader;
  beforeAll(async () => {
    duckdb = await DuckDbReader.open();
    await duckdb.query("SET TimeZone = 'UTC'");
  });
  afterAll(() => duckdb.close());

  it.each(Object.keys(tables))(
    '%s: a checkpoint the engine writes DESCRIBEs with each mapped type, values and nulls read back exactly',
    async (name) => {
      const table: TableDefinition = tables[name as keyof typeof tables];
      const path = duckdb.file(await sampleFile(table));

      expect(await duckdb.types(path)).toEqual(
        Object.fromEntries(table.columns.map((column) => [column.name, DUCKDB_TYPES[column.type]]))
      );

      const data = table.columns.filter((column) => !column.lineage);
      const select = data.map(({ name: column }) => `CAST("${column}" AS VARCHAR) AS "${column}"`).join(', ');
      const rows = await duckdb.query(`SELECT ${select} FROM read_parquet('${path}')`);
      expect(rows).toEqual([
        Object.fromEntries(data.map((column) => [column.name, SAMPLES[column.type][1]])),
        Object.fromEntries(
          data.map((column) => [
            column.name,
            column.repetition === 'OPTIONAL' ? null : SAMPLES[column.type][1]
          ])
        )
      ]);
    }
  );

  it('the engine reads back what it wrote, value for value, for every table', async () => {
    for (const table of Object.values(tables) as TableDefinition[]) {
      const store = new MemoryObjectStore();
      store.put(KEY, await sampleFile(table));
      const [first] = await CheckpointTable.of(table).readRows(store, KEY);
      for (const column of table.columns.filter((c) => !c.lineage)) {
        expect([table.schema, column.name, first[column.name]]).toEqual([
          table.schema,
          column.name,
          SAMPLES[column.type][0]
        ]);
      }
    }
  });
});
