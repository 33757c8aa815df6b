import { labResultTable, type TableDefinition } from '@reporting/schemas';

import { CheckpointTable } from './checkpoint-table';
import { IncompatibleSchemaError } from './errors';
import { fileColumnsFromSchema, readFileColumns } from './file-columns';
import { MemoryObjectStore } from './store/memory-object-store';
import { exampleRow, visits } from './testing/row-arbitraries';
import { visitEventTable } from '@reporting/schemas';

const KEY = 'reports/file-columns.parquet';

/** What a column is, without the table-only traits (dictionary encoding, lineage) a file does not record. */
function shape(table: TableDefinition): unknown[] {
  return table.columns.map(({ name, type, physicalType, convertedType, logicalType, repetition }) => ({
    name,
    type,
    physicalType,
    convertedType,
    logicalType,
    repetition
  }));
}

describe('readFileColumns: a file’s columns as table columns, without a table', () => {
  test('no file → undefined', async () => {
    expect(await readFileColumns(new MemoryObjectStore(), KEY)).toBeUndefined();
  });

  test('a file written by the engine reads back as its table’s columns, in file order', async () => {
    const store = new MemoryObjectStore();
    await visits.replace(store, KEY, [exampleRow(1)], { key: 'run-1', version: '1' });
    const columns = await readFileColumns(store, KEY);
    expect(shape({ ...visitEventTable, columns: columns! })).toEqual(shape(visitEventTable));
    expect(columns!.every((column) => !column.lineage && !column.dictionary)).toBe(true);
  });

  test('every column type of the lab-result table (dates, timestamps, INT32/INT64, doubles, booleans, JSON)', async () => {
    const store = new MemoryObjectStore();
    await CheckpointTable.of(labResultTable).replace(store, KEY, [], { key: 'run-1', version: '1' });
    const columns = await readFileColumns(store, KEY);
    expect(shape({ ...labResultTable, columns: columns! })).toEqual(shape(labResultTable));
  });

  test('a table of the file’s columns can take the file as it is (no column lost)', async () => {
    const store = new MemoryObjectStore();
    await visits.replace(store, KEY, [exampleRow(1)], { key: 'run-1', version: '1' });
    const columns = await readFileColumns(store, KEY);
    const table = CheckpointTable.of({ ...visitEventTable, columns: columns!, sortColumn: null });
    expect((await table.stats(store, KEY))?.schema).toBe('current');
    expect(await table.readRows(store, KEY)).toHaveLength(1);
  });

  test('legacy and foreign spellings: FLOAT → double, TIMESTAMP_MILLIS → timestamp, INT_32 → int32', () => {
    const columns = fileColumnsFromSchema([
      { name: 'schema', num_children: 3 },
      { name: 'f', type: 'FLOAT', repetition_type: 'OPTIONAL' },
      { name: 't', type: 'INT64', repetition_type: 'REQUIRED', converted_type: 'TIMESTAMP_MILLIS' },
      { name: 'i', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'INT_32' }
    ]);
    expect(columns.map((c) => [c.name, c.type, c.repetition])).toEqual([
      ['f', 'double', 'OPTIONAL'],
      ['t', 'timestamp', 'REQUIRED'],
      ['i', 'int32', 'OPTIONAL']
    ]);
  });

  test('columns no table type holds are refused, every one named', () => {
    const read = (): unknown =>
      fileColumnsFromSchema([
        { name: 'schema', num_children: 3 },
        { name: 'u', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'UINT_32' },
        { name: 'b', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'r', type: 'INT64', repetition_type: 'REPEATED' }
      ]);
    expect(read).toThrow(IncompatibleSchemaError);
    expect(read).toThrow(/"u".*"b".*"r"/);
  });

  test('a nested schema is refused', () => {
    expect(() =>
      fileColumnsFromSchema([
        { name: 'schema', num_children: 1 },
        { name: 'group', num_children: 1 },
        { name: 'leaf', type: 'INT32', repetition_type: 'OPTIONAL' }
      ])
    ).toThrow(IncompatibleSchemaError);
  });
});
