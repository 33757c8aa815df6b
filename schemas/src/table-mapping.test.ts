import { tableFromSchema, tablesFromSchemas, TableMappingError } from '../scripts/tools/table-mapping';
import { TABLE_COLUMN_TYPES, type TableColumn, type TableDefinition } from './table-definition';
import { tableColumn, tables, visitEventSchema, visitEventTable } from './index';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A one-table schema around the given properties. */
function schemaOf(properties: Record<string, Schema>, extra: Schema = {}): Schema {
  return { title: 'Probe', 'x-version': '1.0.0', type: 'object', properties, ...extra };
}

/** The one column of a schema with one property `p`. */
function columnOf(property: Schema, required = true): TableColumn {
  return tableFromSchema('probe', schemaOf({ p: property }, { required: required ? ['p'] : [] })).columns[0];
}

/** The message of the TableMappingError a schema raises. */
function refusal(schema: Schema): string {
  try {
    tableFromSchema('probe', schema);
  } catch (error) {
    expect(error).toBeInstanceOf(TableMappingError);
    return (error as Error).message;
  }
  throw new Error('the mapping accepted the schema');
}

describe('table mapping: one rule each', () => {
  it('string → BYTE_ARRAY STRING (UTF8)', () => {
    expect(columnOf({ type: 'string' })).toEqual({
      name: 'p',
      type: 'string',
      physicalType: 'BYTE_ARRAY',
      convertedType: 'UTF8',
      logicalType: { type: 'STRING' },
      repetition: 'REQUIRED',
      dictionary: false,
      lineage: false
    });
  });

  it('format: date → INT32 DATE', () => {
    expect(columnOf({ type: 'string', format: 'date' })).toMatchObject({
      type: 'date',
      physicalType: 'INT32',
      convertedType: 'DATE',
      logicalType: { type: 'DATE' }
    });
  });

  it.each(['date-time', 'iso-date-time'])('format: %s → INT64 TIMESTAMP(MICROS, UTC)', (format) => {
    expect(columnOf({ type: 'string', format })).toMatchObject({
      type: 'timestamp',
      physicalType: 'INT64',
      convertedType: 'TIMESTAMP_MICROS',
      logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }
    });
  });

  it('integer → INT64, INT32 where minimum and maximum both fit in int32', () => {
    const plain = columnOf({ type: 'integer' });
    expect(plain).toMatchObject({ type: 'int64', physicalType: 'INT64' });
    expect(plain).not.toHaveProperty('logicalType');
    expect(columnOf({ type: 'integer', minimum: 0 })).toMatchObject({ physicalType: 'INT64' });
    expect(columnOf({ type: 'integer', minimum: -2147483648, maximum: 2147483647 })).toMatchObject({
      type: 'int32',
      physicalType: 'INT32'
    });
    expect(columnOf({ type: 'integer', minimum: 0, maximum: 2147483648 })).toMatchObject({
      physicalType: 'INT64'
    });
    expect(columnOf({ type: 'integer', exclusiveMinimum: -1, exclusiveMaximum: 10 })).toMatchObject({
      physicalType: 'INT32'
    });
  });

  it('number (and integer|number) → DOUBLE; boolean → BOOLEAN', () => {
    expect(columnOf({ type: 'number' })).toMatchObject({ type: 'double', physicalType: 'DOUBLE' });
    expect(columnOf({ type: ['integer', 'number'] })).toMatchObject({ physicalType: 'DOUBLE' });
    expect(columnOf({ type: 'boolean' })).toMatchObject({ type: 'boolean', physicalType: 'BOOLEAN' });
  });

  it('enum (or const) of strings → dictionary-encoded STRING', () => {
    expect(columnOf({ type: 'string', enum: ['a', 'b'] })).toMatchObject({
      type: 'string',
      dictionary: true
    });
    expect(columnOf({ type: ['string', 'null'], enum: ['a', null] })).toMatchObject({ dictionary: true });
    expect(columnOf({ type: 'string', const: 'a' })).toMatchObject({ dictionary: true });
    expect(columnOf({ type: 'integer', enum: [1, 2] })).toMatchObject({ type: 'int64', dictionary: false });
  });

  it('not required, or nullable → OPTIONAL; a non-null default (applied by the validator) counts as present', () => {
    expect(columnOf({ type: 'string' }, false).repetition).toBe('OPTIONAL');
    expect(columnOf({ type: ['string', 'null'] }, true).repetition).toBe('OPTIONAL');
    expect(columnOf({ type: 'string', default: 'adrc' }, false).repetition).toBe('REQUIRED');
    expect(columnOf({ type: ['string', 'null'], default: null }, false).repetition).toBe('OPTIONAL');
    expect(columnOf({ type: ['string', 'null'], default: 'x' }, true).repetition).toBe('OPTIONAL');
  });

  it('objects and arrays → JSON text (BYTE_ARRAY JSON); their inner keywords are not columns', () => {
    const object = columnOf({
      type: 'object',
      additionalProperties: false,
      required: ['a'],
      properties: { a: { type: 'string', $comment: 'opaque' } }
    });
    expect(object).toMatchObject({
      type: 'json',
      physicalType: 'BYTE_ARRAY',
      convertedType: 'JSON',
      logicalType: { type: 'JSON' }
    });
    expect(columnOf({ type: ['array', 'null'], items: { type: 'integer' } })).toMatchObject({
      type: 'json',
      repetition: 'OPTIONAL'
    });
  });

  it('columns keep the declaration order of the properties, then the declared lineage columns', () => {
    const table = tableFromSchema(
      'probe',
      schemaOf(
        { z: { type: 'string' }, a: { type: 'boolean' } },
        { 'x-parquet': { lineage: ['ingested_at', 'source_key'] } }
      )
    );
    expect(table.columns.map((c) => [c.name, c.type, c.repetition, c.lineage])).toEqual([
      ['z', 'string', 'OPTIONAL', false],
      ['a', 'boolean', 'OPTIONAL', false],
      ['ingested_at', 'timestamp', 'OPTIONAL', true],
      ['source_key', 'string', 'OPTIONAL', true]
    ]);
  });
});

describe('x-parquet overrides the mapping', () => {
  it('type "string" keeps a date or a date-time as text', () => {
    expect(columnOf({ type: 'string', format: 'date', 'x-parquet': { type: 'string' } })).toMatchObject({
      type: 'string',
      physicalType: 'BYTE_ARRAY'
    });
    expect(columnOf({ type: 'string', format: 'date-time', 'x-parquet': { type: 'string' } }).type).toBe(
      'string'
    );
    expect(columnOf({ type: 'string', format: 'email', 'x-parquet': { type: 'string' } }).type).toBe(
      'string'
    );
  });

  it('physical INT32 / INT64 chooses the width of an integer', () => {
    expect(columnOf({ type: 'integer', 'x-parquet': { physical: 'INT32' } })).toMatchObject({
      physicalType: 'INT32'
    });
    expect(
      columnOf({ type: 'integer', minimum: 0, maximum: 9, 'x-parquet': { physical: 'INT64' } })
    ).toMatchObject({
      physicalType: 'INT64'
    });
    expect(columnOf({ type: 'integer', 'x-parquet': { type: 'double' } })).toMatchObject({
      physicalType: 'DOUBLE'
    });
  });

  it('declares the sort column and the key placeholders at the top level', () => {
    const table: TableDefinition = tableFromSchema(
      'probe',
      schemaOf(
        { at: { type: 'string', format: 'date-time' }, site: { type: 'string' } },
        { required: ['at', 'site'], 'x-parquet': { sortColumn: 'at', keyPlaceholders: ['site'] } }
      )
    );
    expect([table.sortColumn, table.keyPlaceholders]).toEqual(['at', ['site']]);
    expect(tableFromSchema('probe', schemaOf({ a: { type: 'string' } }))).toMatchObject({
      schema: 'probe',
      title: 'Probe',
      version: '1.0.0',
      sortColumn: null,
      keyPlaceholders: []
    });
  });
});

describe('what the mapping cannot handle fails, naming the schema, the property and the rule', () => {
  it.each<[string, Schema, RegExp]>([
    [
      'a keyword it does not model',
      schemaOf({ p: { $ref: '#/definitions/x' } }),
      /property "p".*"\$ref".*known keywords only/
    ],
    ['oneOf on a property', schemaOf({ p: { type: 'string', oneOf: [] } }), /property "p".*"oneOf"/],
    [
      'a top-level keyword',
      schemaOf({ p: { type: 'string' } }, { definitions: {} }),
      /\(schema\).*"definitions"/
    ],
    ['no type', schemaOf({ p: { enum: ['a'] } }), /property "p".*no "type".*rule: type/],
    ['only null', schemaOf({ p: { type: 'null' } }), /property "p".*rule: type/],
    [
      'a union of value types',
      schemaOf({ p: { type: ['string', 'integer'] } }),
      /property "p".*union.*rule: one type/
    ],
    [
      'an unmapped format',
      schemaOf({ p: { type: 'string', format: 'email' } }),
      /property "p".*"email".*rule: format/
    ],
    [
      'a format on a number',
      schemaOf({ p: { type: 'number', format: 'date' } }),
      /property "p".*rule: format/
    ],
    [
      'a nested type asked for',
      schemaOf({ p: { type: 'object', 'x-parquet': { type: 'nested' } } }),
      /property "p".*nested.*not supported/
    ],
    [
      'an override that loses values',
      schemaOf({ p: { type: 'string', 'x-parquet': { type: 'int32' } } }),
      /property "p".*cannot hold.*x-parquet override/
    ],
    [
      'an unknown column type',
      schemaOf({ p: { type: 'string', 'x-parquet': { type: 'text' } } }),
      /"text" is not a column type/
    ],
    [
      'an unknown annotation key',
      schemaOf({ p: { type: 'string', 'x-parquet': { width: 3 } } }),
      /unknown key "width"/
    ],
    [
      'an annotation that is not an object',
      schemaOf({ p: { type: 'string', 'x-parquet': 'string' } }),
      /must be an object/
    ],
    [
      'physical on a string',
      schemaOf({ p: { type: 'string', 'x-parquet': { physical: 'INT32' } } }),
      /integers only/
    ],
    [
      'an unknown physical',
      schemaOf({ p: { type: 'integer', 'x-parquet': { physical: 'INT96' } } }),
      /"INT32" or "INT64"/
    ],
    [
      'INT32 asked for out-of-range bounds',
      schemaOf({ p: { type: 'integer', maximum: 2147483648, 'x-parquet': { physical: 'INT32' } } }),
      /property "p".*exceed the 32-bit range/
    ],
    ['a non-object top level', { type: 'array', items: {} }, /\(schema\).*"type": "object"/],
    ['no properties', schemaOf({}), /no properties/],
    [
      'a conditional on an undeclared property',
      schemaOf({ p: { type: 'string' } }, { allOf: [{ if: { properties: { q: { const: 1 } } } }] }),
      /property "q".*allOf\[0\]\.if.*declared property/
    ],
    [
      'an unmodelled keyword in a conditional',
      schemaOf({ p: { type: 'string' } }, { allOf: [{ anyOf: [] }] }),
      /"anyOf" in allOf\[0\]/
    ],
    [
      'an unknown top-level annotation key',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { sort: 'p' } }),
      /unknown key "sort"/
    ],
    [
      'a sort column that is no column',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { sortColumn: 'q' } }),
      /property "q".*sortColumn/
    ],
    [
      'an unknown lineage column',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { lineage: ['row_id'] } }),
      /property "row_id".*rule: lineage/
    ],
    [
      'a lineage column twice',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { lineage: ['source_key', 'source_key'] } }),
      /twice/
    ],
    [
      'lineage that is not a list',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { lineage: 'all' } }),
      /lineage must be an array/
    ],
    [
      'a lineage column that is also a property',
      schemaOf({ source_key: { type: 'string' } }, { 'x-parquet': { lineage: ['source_key'] } }),
      /property "source_key".*reserved/
    ],
    [
      'a key placeholder that may be null',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { keyPlaceholders: ['p'] } }),
      /property "p".*REQUIRED string or integer.*keyPlaceholders/
    ],
    [
      'a key placeholder that is no property',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { keyPlaceholders: ['q'] } }),
      /property "q"/
    ],
    [
      'key placeholders that are not a list',
      schemaOf({ p: { type: 'string' } }, { 'x-parquet': { keyPlaceholders: 'p' } }),
      /must be an array/
    ]
  ])('%s', (_, schema, message) => {
    const text = refusal(schema);
    expect(text).toMatch(/^probe: /);
    expect(text).toMatch(message);
  });
});

describe('the build step over every schema', () => {
  it('lists every refused schema in one message, each with its property and rule', () => {
    expect(() =>
      tablesFromSchemas([
        { name: 'good', schema: schemaOf({ p: { type: 'string' } }) },
        { name: 'first', schema: schemaOf({ a: { type: ['string', 'integer'] } }) },
        { name: 'second', schema: schemaOf({ b: { type: 'integer', 'x-parquet': { physical: 'INT8' } } }) }
      ])
    ).toThrow(
      'Table mapping failed (see schemas/README.md, "Tables"):\n' +
        '  - first: property "a": type ["string","integer"] is a union no single column type holds (rule: one type, or null)\n' +
        '  - second: property "b": "x-parquet" physical "INT8" must be "INT32" or "INT64" (rule: x-parquet)'
    );
  });

  it('maps every schema when none is refused', () => {
    const tables = tablesFromSchemas([{ name: 'good', schema: schemaOf({ p: { type: 'boolean' } }) }]);
    expect(tables.get('good')?.columns.map((c) => c.physicalType)).toEqual(['BOOLEAN']);
  });
});

describe('the generated tables', () => {
  it('are the mapping of each schema, one per schema in definitions/', () => {
    expect(visitEventTable).toEqual(tableFromSchema('visit-event', visitEventSchema));
    expect(Object.keys(tables)).toEqual([
      'data-source-config',
      'lab-result',
      'processing-metrics',
      'quarantine-record',
      'redcap-report-config',
      'reporting-event',
      'visit-event'
    ]);
  });
});

describe('the generated tables', () => {
  it('use only the column types the engine knows (TABLE_COLUMN_TYPES)', () => {
    for (const table of Object.values(tables) as TableDefinition[]) {
      for (const column of table.columns) {
        expect([table.schema, column.name, TABLE_COLUMN_TYPES.includes(column.type)]).toEqual([
          table.schema,
          column.name,
          true
        ]);
      }
    }
  });
});

describe('tableColumn (columns of tables built at run time)', () => {
  it('spells every column type as the generated tables do', () => {
    for (const table of Object.values(tables) as TableDefinition[]) {
      for (const column of table.columns) {
        const traits = {
          required: column.repetition === 'REQUIRED',
          dictionary: column.dictionary,
          lineage: column.lineage
        };
        expect(tableColumn(column.name, column.type, traits)).toEqual(column);
      }
    }
  });
});
