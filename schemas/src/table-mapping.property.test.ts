import fc from 'fast-check';

import { INT32_MAX, INT32_MIN, tableFromSchema } from '../scripts/tools/table-mapping';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RUNS = { numRuns: 200 };

/** One generated property with the facts the rules are checked against. */
interface Probe {
  schema: Schema;
  required: boolean;
  nullable: boolean;
  kind:
    | 'string'
    | 'date'
    | 'date-time'
    | 'iso-date-time'
    | 'integer'
    | 'number'
    | 'boolean'
    | 'object'
    | 'array';
  keepAsString: boolean;
}

const bound = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: INT32_MIN, max: INT32_MAX }),
  fc.constantFrom(INT32_MIN - 1, INT32_MAX + 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
);

const probe: fc.Arbitrary<Probe> = fc
  .record({
    kind: fc.constantFrom(
      'string',
      'date',
      'date-time',
      'iso-date-time',
      'integer',
      'number',
      'boolean',
      'object',
      'array'
    ) as fc.Arbitrary<Probe['kind']>,
    required: fc.boolean(),
    nullable: fc.boolean(),
    defaulted: fc.constantFrom('none', 'null', 'value'),
    minimum: bound,
    maximum: bound,
    enumValues: fc.option(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 })
    ),
    keepAsString: fc.boolean()
  })
  .map(({ kind, required, nullable, defaulted, minimum, maximum, enumValues, keepAsString }) => {
    const format = ['date', 'date-time', 'iso-date-time'].includes(kind) ? kind : undefined;
    const jsonType = format === undefined ? kind : 'string';
    const schema: Schema = { type: nullable ? [jsonType, 'null'] : jsonType };
    if (format !== undefined) schema.format = format;
    if (kind === 'integer') {
      if (minimum !== undefined) schema.minimum = minimum;
      if (maximum !== undefined) schema.maximum = maximum;
    }
    if (kind === 'string' && enumValues !== null) schema.enum = enumValues;
    if (defaulted === 'null') schema.default = null;
    if (defaulted === 'value') schema.default = kind === 'boolean' ? false : kind === 'object' ? {} : 'x';
    const keep = format !== undefined && keepAsString;
    if (keep) schema['x-parquet'] = { type: 'string' };
    return { schema, required, nullable, kind, keepAsString: keep };
  });

/** A schema of 1–8 generated properties named p0, p1, …, with the required ones listed. */
const tableOfProbes = fc.array(probe, { minLength: 1, maxLength: 8 }).map((probes) => {
  const properties = Object.fromEntries(probes.map((p, i) => [`p${i}`, p.schema]));
  const required = probes.flatMap((p, i) => (p.required ? [`p${i}`] : []));
  const table = tableFromSchema('generated', { title: 'G', type: 'object', properties, required });
  return { probes, table };
});

describe('table mapping properties', () => {
  it("nullability: every generated column's nullability follows required/default/nullable", () => {
    fc.assert(
      fc.property(tableOfProbes, ({ probes, table }) =>
        probes.every((p, i) => {
          const present = p.required || (p.schema.default !== undefined && p.schema.default !== null);
          return table.columns[i].repetition === (p.nullable || !present ? 'OPTIONAL' : 'REQUIRED');
        })
      ),
      RUNS
    );
  });

  it('integer width: every integer column is INT32 exactly when its minimum and maximum both fit in int32, else INT64', () => {
    fc.assert(
      fc.property(tableOfProbes, ({ probes, table }) =>
        probes.every((p, i) => {
          if (p.kind !== 'integer') return true;
          const { minimum, maximum } = p.schema;
          const fits =
            minimum !== undefined && maximum !== undefined && minimum >= INT32_MIN && maximum <= INT32_MAX;
          return (
            table.columns[i].physicalType === (fits ? 'INT32' : 'INT64') && !table.columns[i].logicalType
          );
        })
      ),
      RUNS
    );
  });

  it("string formats: every string column's physical and logical type follow its format (x-parquet type string keeps text)", () => {
    const expected: Record<string, [string, string]> = {
      string: ['BYTE_ARRAY', 'STRING'],
      date: ['INT32', 'DATE'],
      'date-time': ['INT64', 'TIMESTAMP'],
      'iso-date-time': ['INT64', 'TIMESTAMP']
    };
    fc.assert(
      fc.property(tableOfProbes, ({ probes, table }) =>
        probes.every((p, i) => {
          if (!(p.kind in expected)) return true;
          const [physical, logical] = p.keepAsString ? expected.string : expected[p.kind];
          const column = table.columns[i];
          return column.physicalType === physical && column.logicalType?.type === logical;
        })
      ),
      RUNS
    );
  });

  it('scalar and json types: every number is DOUBLE, every boolean BOOLEAN, every object or array JSON text', () => {
    const expected: Record<string, string> = {
      number: 'DOUBLE',
      boolean: 'BOOLEAN',
      object: 'JSON',
      array: 'JSON'
    };
    fc.assert(
      fc.property(tableOfProbes, ({ probes, table }) =>
        probes.every((p, i) => {
          if (!(p.kind in expected)) return true;
          const column = table.columns[i];
          return (column.logicalType?.type ?? column.physicalType) === expected[p.kind];
        })
      ),
      RUNS
    );
  });

  it('names and order: every column keeps its property name and order, and only string enums are dictionary-encoded', () => {
    fc.assert(
      fc.property(tableOfProbes, ({ probes, table }) => {
        expect(table.columns.map((c) => c.name)).toEqual(probes.map((_, i) => `p${i}`));
        expect(table.columns.map((c) => c.dictionary)).toEqual(
          probes.map((p) => p.schema.enum !== undefined)
        );
      }),
      RUNS
    );
  });
});
