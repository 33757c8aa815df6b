import fc from 'fast-check';
import {
  type TableColumn,
  type TableColumnType,
  type TableDefinition,
  TABLE_COLUMN_TYPES,
  tableColumn
} from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';

import { CheckpointTable } from '../checkpoint-table';
import { InvalidRowError } from '../errors';
import { MemoryObjectStore } from '../store/memory-object-store';
import type { ColumnBatch } from '../table/column-batch';
import {
  type ColumnVector,
  Int64Vector,
  MAX_DICTIONARY_ENTRIES,
  StringVector,
  columnVector
} from '../table/column-vector';
import { text } from '../testing/row-arbitraries';
import { testTable } from '../testing/test-table';

const KEY = 'vectors/table.parquet';
const SOURCE = { key: 'export', version: '1' };

/** One OPTIONAL and one REQUIRED column of every type, plus the engine's lineage columns. */
const TABLE: TableDefinition = testTable(
  'vectors',
  TABLE_COLUMN_TYPES.flatMap((type) => [
    tableColumn(`${type}_optional`, type),
    tableColumn(`${type}_required`, type, { required: true })
  ])
);
const engine = CheckpointTable.of(TABLE);
const DATA_COLUMNS = TABLE.columns.filter((column) => !column.lineage);

const VALUES: Record<TableColumnType, fc.Arbitrary<unknown>> = {
  string: text,
  date: fc.integer({ min: -719_162, max: 2_932_896 }), // years 1 to 9999
  timestamp: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  int64: fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(0n, -1n)),
  double: fc.double({ noNaN: true }),
  boolean: fc.boolean(),
  json: fc.jsonValue().filter((value) => value !== null)
};

/** Rows as arrays per data column; OPTIONAL columns null one time in four. */
const rowsArbitrary = fc.integer({ min: 0, max: 60 }).chain((rowCount) =>
  fc.record(
    Object.fromEntries(
      DATA_COLUMNS.map((column) => {
        const value =
          column.repetition === 'REQUIRED'
            ? VALUES[column.type]
            : fc.oneof(
                { weight: 3, arbitrary: VALUES[column.type] },
                { weight: 1, arbitrary: fc.constant(null) }
              );
        return [column.name, fc.array(value, { minLength: rowCount, maxLength: rowCount })];
      })
    ) as Record<string, fc.Arbitrary<unknown[]>>
  )
);

function vectorBatch(columns: Record<string, unknown[]>, from: number, to: number): ColumnBatch {
  const vectors = DATA_COLUMNS.map((column) => {
    const vector = columnVector(column, to - from);
    for (const value of columns[column.name].slice(from, to)) vector.push(value);
    return [column.name, vector] as const;
  });
  return { rowCount: to - from, columns: Object.fromEntries(vectors) };
}

/** JSON values compare as their text (-0 and 0 are one JSON number). */
function comparable(rows: Record<string, unknown>[]): unknown[] {
  return rows.map((row) =>
    Object.fromEntries(
      DATA_COLUMNS.map(({ name, type }) => [
        name,
        type === 'json' && row[name] !== null ? JSON.stringify(row[name]) : row[name]
      ])
    )
  );
}

function vectorOf(column: TableColumn, values: readonly unknown[]): ColumnVector {
  const vector = columnVector(column, values.length);
  for (const value of values) vector.push(value);
  return vector;
}

describe('column vectors: batches filled value by value, encoded from typed buffers', () => {
  test('vector encoding: any values of every column type, in any batches, read back equal to the rows written', async () => {
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, fc.integer({ min: 1, max: 25 }), async (columns, batchRows) => {
        const rowCount = columns[DATA_COLUMNS[0].name].length;
        const batches: ColumnBatch[] = [];
        for (let from = 0; from < rowCount; from += batchRows) {
          batches.push(vectorBatch(columns, from, Math.min(rowCount, from + batchRows)));
        }
        const store = new MemoryObjectStore();
        const result = await engine.replaceBatches(store, KEY, batches, SOURCE);
        expect(result.rows).toBe(rowCount);
        const expected = Array.from({ length: rowCount }, (_, row) =>
          Object.fromEntries(DATA_COLUMNS.map(({ name }) => [name, columns[name][row]]))
        );
        const read = await engine.readRows(store, KEY);
        expect(comparable(read)).toEqual(comparable(expected));
        expect(read.every((row) => row.source_key === SOURCE.key)).toBe(true);
      }),
      { numRuns: 100 }
    );
  });

  test('int64 vector: safe integers pushed as numbers, mixed with bigints, read back as the same bigints with the same bounds', () => {
    const int64 = TABLE.columns.find((column) => column.name === 'int64_optional')!;
    const value = fc.oneof(
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(0, -1, 1, -(2 ** 32), 2 ** 32 - 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), (values) => {
        const vector = columnVector(int64, 4) as Int64Vector;
        for (const v of values) vector.push(v);
        const expected = values.map((v) => BigInt(v));
        expect(vector.toArray()).toEqual(expected);
        expect([vector.min, vector.max]).toEqual([
          expected.reduce((a, b) => (b < a ? b : a)),
          expected.reduce((a, b) => (b > a ? b : a))
        ]);
      }),
      { numRuns: 200 }
    );
  });

  test('string bytes or strings: any strings pushed as UTF-8 bytes or as strings, in any mix, make the same vector', () => {
    const column = TABLE.columns.find((c) => c.name === 'string_optional')!;
    const value = fc.oneof(
      fc.constantFrom('1', '2', '10', 'abcdef', 'abcdefg', 'a"b', '', 'é', 'ü"'),
      fc.string({ maxLength: 9 }),
      fc.constant(null)
    );
    const how = fc.constantFrom('string', 'bytes', 'doubled');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, how), { minLength: 1, maxLength: 80 }),
        fc.boolean(),
        (pushes, dictionary) => {
          const [mixed, strings] = [
            columnVector(column, 4, { dictionary }) as StringVector,
            columnVector(column, 4, { dictionary }) as StringVector
          ];
          for (const [text, way] of pushes) {
            strings.push(text);
            if (text === null || way === 'string') mixed.push(text);
            else {
              const bytes = Buffer.from(way === 'doubled' ? `x${text.replace(/"/g, '""')}` : `x${text}`);
              mixed.pushUtf8(bytes, 1, bytes.length, way === 'doubled');
            }
          }
          const state = (v: StringVector) => ({
            values: v.toArray(),
            dictionarySize: v.dictionarySize,
            indexes: v.dictionarySize === undefined ? [] : [...v.indexes.subarray(0, v.valueCount)],
            dictionary: Buffer.from(v.dictionaryPlain.subarray(0, v.dictionaryPlainLength)).toString('hex'),
            plain: Buffer.from(v.plain.subarray(0, v.plainLength)).toString('hex')
          });
          expect(state(mixed)).toEqual(state(strings));
        }
      ),
      { numRuns: 300 }
    );
  });

  test('a vector refuses a value its column cannot hold, naming the column', () => {
    const byName = (name: string) => TABLE.columns.find((column) => column.name === name)!;
    const [int32, required, int64] = [
      byName('int32_optional'),
      byName('int32_required'),
      byName('int64_optional')
    ];
    expect(() => columnVector(int32, 4).push(2 ** 31)).toThrow(
      new InvalidRowError('int32_optional must be a 32-bit integer, got number 2147483648')
    );
    expect(() => columnVector(required, 4).push(null)).toThrow(
      new InvalidRowError('int32_required is required')
    );
    expect(() => columnVector(int64, 4).push(2 ** 53)).toThrow(InvalidRowError);
    expect(() => columnVector(int64, 4).push(2n ** 63n)).toThrow(
      new InvalidRowError('int64_optional must fit in 64 bits, got 9223372036854775808n')
    );
  });

  test('a batch whose vector is of another type than its column is refused before anything is written', async () => {
    const store = new MemoryObjectStore();
    const wrong = columnVector(tableColumn('double_optional', 'string'), 1);
    wrong.push('1.5');
    const optionalOnly = CheckpointTable.of({
      ...TABLE,
      columns: TABLE.columns.filter((column) => column.repetition === 'OPTIONAL' || column.lineage)
    });
    await expect(
      optionalOnly.replaceBatches(store, KEY, [{ rowCount: 1, columns: { double_optional: wrong } }], SOURCE)
    ).rejects.toThrow('column double_optional is OPTIONAL double, its vector holds OPTIONAL string');
    expect(store.traffic.writes).toBe(0);
  });

  describe('in DuckDB', () => {
    let duckdb: DuckDbReader;
    beforeAll(async () => {
      duckdb = await DuckDbReader.open();
      await duckdb.query("SET TimeZone = 'UTC'");
    });
    afterAll(() => duckdb.close());

    test('dictionary and plain strings, multi-page chunks, nulls and bounds read back exactly', async () => {
      const rows = 30_000;
      const column = (name: string) => DATA_COLUMNS.find((c) => c.name === name)!;
      const few = columnVector(column('string_optional'), rows); // dictionary: three values
      const unique = columnVector(column('string_required'), rows); // plain: every value distinct, > 1 MiB
      const doubles = columnVector(column('double_optional'), rows);
      const stamps = columnVector(column('timestamp_required'), rows);
      const flags = columnVector(column('boolean_optional'), rows);
      for (let i = 0; i < rows; i++) {
        few.push(i % 7 === 0 ? null : ['é', '日本', '🙂'][i % 3]);
        unique.push(`${i}:${'x'.repeat(40)}`);
        doubles.push(i % 5 === 0 ? null : i / 4);
        stamps.push(1_705_314_000_123_456 + i); // a number: safe integers need no bigint
        flags.push(i % 11 === 0 ? null : i % 2 === 0);
      }
      expect((few as StringVector).dictionarySize).toBe(3);
      expect((unique as StringVector).dictionarySize).toBeUndefined();
      let seed = 7;
      const randomDoubles = Array.from(
        { length: rows },
        () => (seed = (seed * 16807) % 2147483647) / 2147483647
      );
      const others = Object.fromEntries(
        DATA_COLUMNS.filter(
          (c) =>
            c.repetition === 'REQUIRED' &&
            !['string_required', 'timestamp_required', 'double_required'].includes(c.name)
        ).map((c) => {
          const vector = columnVector(c, rows);
          const value = {
            int32: 7,
            date: 19_737,
            int64: 5n,
            double: 1.5,
            boolean: true,
            json: [1],
            string: 'a',
            timestamp: 0n
          }[c.type];
          for (let i = 0; i < rows; i++) vector.push(value);
          return [c.name, vector];
        })
      );
      const store = new MemoryObjectStore();
      await engine.replaceBatches(
        store,
        KEY,
        [
          {
            rowCount: rows,
            columns: {
              ...others,
              double_required: vectorOf(column('double_required'), randomDoubles),
              string_optional: few,
              string_required: unique,
              double_optional: doubles,
              timestamp_required: stamps,
              boolean_optional: flags
            }
          }
        ],
        SOURCE
      );
      const path = duckdb.file(store.get(KEY)!);
      const [summary] = await duckdb.query(
        `SELECT count(*)::INTEGER AS n, count(string_optional)::INTEGER AS strings,
           sum(length(string_required))::INTEGER AS unique_chars, sum(double_optional) AS doubles,
           max(timestamp_required)::VARCHAR AS last_stamp, count(boolean_optional)::INTEGER AS flags,
           sum(boolean_optional::INTEGER)::INTEGER AS trues, min(date_required)::VARCHAR AS day,
           string_agg(DISTINCT string_optional, ',' ORDER BY string_optional) AS distinct_strings,
           max(source_key) AS source
         FROM read_parquet('${path}')`
      );
      let uniqueChars = 0;
      let doubleSum = 0;
      let trues = 0;
      for (let i = 0; i < rows; i++) {
        uniqueChars += `${i}:${'x'.repeat(40)}`.length;
        if (i % 5 !== 0) doubleSum += i / 4;
        if (i % 11 !== 0 && i % 2 === 0) trues++;
      }
      expect(summary).toEqual({
        n: rows,
        strings: rows - Math.ceil(rows / 7),
        unique_chars: uniqueChars,
        doubles: doubleSum,
        last_stamp: '2024-01-15 10:20:00.153455+00',
        flags: rows - Math.ceil(rows / 11),
        trues,
        day: '2024-01-15',
        distinct_strings: 'é,日本,🙂',
        source: 'export'
      });
      // Bounds in the footer: DuckDB answers min/max of a column from them.
      const [bounds] = await duckdb.query(
        `SELECT stats_min_value AS min, stats_max_value AS max, stats_null_count::INTEGER AS nulls
         FROM parquet_metadata('${path}') WHERE path_in_schema = 'double_optional'`
      );
      expect(bounds).toEqual({ min: '0.25', max: String((rows - 1) / 4), nulls: Math.ceil(rows / 5) });
      // Random doubles do not compress: their pages are stored uncompressed, and read back the same.
      const random = await duckdb.query(`SELECT double_required AS value FROM read_parquet('${path}')`);
      expect(random.map((row) => row.value)).toEqual(randomDoubles);
      const [pages] = await duckdb.query(
        `SELECT total_compressed_size >= total_uncompressed_size AS stored_as_is
         FROM parquet_metadata('${path}') WHERE path_in_schema = 'double_required'`
      );
      expect(pages).toEqual({ stored_as_is: true });
    });
  });

  test('a dictionary is dropped once most values are distinct, or past its entry cap', () => {
    const mostlyDistinct = new StringVector(tableColumn('s', 'string'), 4);
    for (let i = 0; i < 2000; i++) mostlyDistinct.push(String(i % 1500));
    expect(mostlyDistinct.dictionarySize).toBeUndefined();
    const repeated = new StringVector(tableColumn('s', 'string'), 4);
    for (let i = 0; i < 3 * MAX_DICTIONARY_ENTRIES; i++) repeated.push(String(i % 100));
    expect(repeated.dictionarySize).toBe(100);
    expect(repeated.toArray().slice(0, 3)).toEqual(['0', '1', '2']);
    expect(repeated.valueAt(101)).toBe('1');
  });
});
