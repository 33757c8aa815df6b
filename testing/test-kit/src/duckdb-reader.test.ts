import { readFileSync } from 'node:fs';
import { DuckDbReader } from './duckdb-reader';

describe('DuckDbReader', () => {
  let duckdb: DuckDbReader;
  beforeAll(async () => {
    duckdb = await DuckDbReader.open();
  });
  afterAll(() => duckdb.close());

  it('reads parquet bytes with their types, timestamps as epoch microseconds', async () => {
    const written = `${duckdb.folder}/written.parquet`;
    await duckdb.query(
      `COPY (SELECT 'a' AS name, 7::INTEGER AS n, TIMESTAMPTZ '2024-01-15 10:00:00+00' AS at) TO '${written}' (FORMAT parquet)`
    );
    const path = duckdb.file(readFileSync(written));
    expect(await duckdb.types(path)).toEqual({
      name: 'VARCHAR',
      n: 'INTEGER',
      at: 'TIMESTAMP WITH TIME ZONE'
    });
    expect(await duckdb.rows(path)).toEqual([{ name: 'a', n: 7, at: 1705312800000000n }]);
  });
});
