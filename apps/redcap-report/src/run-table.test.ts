import { EXPORTED_AT_COLUMN, tableFromDataDictionary } from '@reporting/redcap';
import type { TableColumn } from '@reporting/schemas';

import { tablesForRun } from './run-table';
import { SchemaDriftError } from './schema-drift-error';

const dictionary = [
  { field_name: 'record_id', form_name: 'f', field_type: 'text' },
  {
    field_name: 'age',
    form_name: 'f',
    field_type: 'text',
    text_validation_type_or_show_slider_number: 'integer'
  }
];
const table = tableFromDataDictionary(dictionary, { name: 'r', formCompleteColumns: false });
const column = (
  name: string,
  type: TableColumn['type'],
  physicalType: TableColumn['physicalType']
): TableColumn => ({
  name,
  type,
  physicalType,
  repetition: 'REQUIRED',
  dictionary: false,
  lineage: false
});

test('no file: the dictionary’s table; the store view fills exported_at from the rows', () => {
  const run = tablesForRun('r', table, undefined);
  expect(run.parse.columns).toEqual(table.columns);
  expect(run.store.columns.map((c) => [c.name, c.lineage])).toEqual([
    ['record_id', false],
    ['age', false],
    [EXPORTED_AT_COLUMN, false]
  ]);
  expect(run).toMatchObject({ added: [], removed: [] });
});

test('a column of the file the dictionary lacks is kept, OPTIONAL, before exported_at; new dictionary columns are listed', () => {
  const run = tablesForRun('r', table, [
    column('record_id', 'string', 'BYTE_ARRAY'),
    column('old', 'double', 'DOUBLE'),
    column(EXPORTED_AT_COLUMN, 'timestamp', 'INT64')
  ]);
  expect(run.store.columns.map((c) => [c.name, c.type, c.repetition])).toEqual([
    ['record_id', 'string', 'REQUIRED'],
    ['age', 'int64', 'OPTIONAL'],
    ['old', 'double', 'OPTIONAL'],
    [EXPORTED_AT_COLUMN, 'timestamp', 'OPTIONAL']
  ]);
  expect(run).toMatchObject({ added: ['age'], removed: ['old'] });
});

test('INT32 in the file is the same family as INT64 (readable without loss): no drift', () => {
  expect(() => tablesForRun('r', table, [column('age', 'int32', 'INT32')])).not.toThrow();
});

test('a changed type → SchemaDriftError naming every changed column', () => {
  const run = () =>
    tablesForRun('r', table, [column('record_id', 'int64', 'INT64'), column('age', 'string', 'BYTE_ARRAY')]);
  expect(run).toThrow(SchemaDriftError);
  expect(run).toThrow(
    'report r: the data dictionary changed the type of a column the table holds: column "record_id" is int64 in the file, the dictionary now makes it string; column "age" is string in the file, the dictionary now makes it int64'
  );
});
