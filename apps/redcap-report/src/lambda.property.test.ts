// Any data dictionary + records, served by the REDCap stand-in, exported by the lambda (real clients)
// into parquet, read back by DuckDB: the mapped types, and every value equal to what the model says.
import fc from 'fast-check';
import type { MetadataRow, RedcapRecord } from '@reporting/local-redcap';
import { DuckDbReader } from '@reporting/test-kit';

import { RedcapHarness } from './testing/redcap-harness';
import { SAMPLE_TOKEN } from './testing/sample-project';

/** How REDCap writes a value (raw) and what DuckDB must read back (null for an empty value). */
interface Cell {
  raw: string;
  value: unknown;
}
interface Kind {
  field_type: MetadataRow['field_type'];
  validation?: string;
  duckdb: string;
  /** The SQL that reads the column into a comparable JS value. */
  select: (column: string) => string;
  cell: fc.Arbitrary<Cell>;
}

const plain = (column: string): string => `"${column}"`;
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  .map((s): Cell => ({ raw: s, value: s }));
const code = fc.constantFrom('0', '1', '2', '10', 'a', 'B3').map((c): Cell => ({ raw: c, value: c }));
const flag = fc.boolean().map((b): Cell => ({ raw: b ? '1' : '0', value: b }));
const double = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((d): Cell => ({ raw: String(d), value: Object.is(d, -0) ? 0 : d }));
const instant = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true
});

const KINDS: Kind[] = [
  { field_type: 'text', duckdb: 'VARCHAR', select: plain, cell: text },
  { field_type: 'notes', duckdb: 'VARCHAR', select: plain, cell: text },
  {
    field_type: 'text',
    validation: 'date_ymd',
    duckdb: 'DATE',
    select: (c) => `CAST("${c}" AS VARCHAR)`,
    cell: instant.map((t) => ({ raw: t.toISOString().slice(0, 10), value: t.toISOString().slice(0, 10) }))
  },
  {
    field_type: 'text',
    validation: 'datetime_seconds_ymd',
    duckdb: 'TIMESTAMP WITH TIME ZONE',
    select: (c) => `epoch_us("${c}")`,
    cell: instant.map((t) => ({
      raw: t.toISOString().slice(0, 19).replace('T', ' '),
      value: BigInt(Math.floor(t.getTime() / 1000)) * 1_000_000n
    }))
  },
  {
    field_type: 'text',
    validation: 'integer',
    duckdb: 'BIGINT',
    select: plain,
    cell: fc.maxSafeInteger().map((n) => ({ raw: String(n), value: BigInt(n) }))
  },
  { field_type: 'text', validation: 'number', duckdb: 'DOUBLE', select: plain, cell: double },
  { field_type: 'calc', duckdb: 'DOUBLE', select: plain, cell: double },
  { field_type: 'yesno', duckdb: 'BOOLEAN', select: plain, cell: flag },
  { field_type: 'truefalse', duckdb: 'BOOLEAN', select: plain, cell: flag },
  { field_type: 'radio', duckdb: 'VARCHAR', select: plain, cell: code },
  { field_type: 'dropdown', duckdb: 'VARCHAR', select: plain, cell: code },
  { field_type: 'checkbox', duckdb: 'BOOLEAN', select: plain, cell: flag }
];
const CHOICES = ['1', '2', '3'];

interface Field {
  row: MetadataRow;
  kind: Kind;
  /** A value per record: '' (empty) or a cell; for a checkbox, which choices are checked. */
  values: (Cell | null)[] | boolean[][];
}

const project = fc.integer({ min: 0, max: 6 }).chain((records) =>
  fc
    .array(
      fc.constantFrom(...KINDS).chain((kind) =>
        (kind.field_type === 'checkbox'
          ? fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), {
              minLength: records,
              maxLength: records
            })
          : fc.array(fc.option(kind.cell, { freq: 4 }), { minLength: records, maxLength: records })
        ).map((values) => ({ kind, values }))
      ),
      { minLength: 1, maxLength: 8 }
    )
    .map((fields) => ({ records, fields: fields.map(({ kind, values }, i) => toField(i, kind, values)) }))
);

function toField(index: number, kind: Kind, values: (Cell | null)[] | boolean[][]): Field {
  const row: MetadataRow = {
    field_name: `f${index}_${kind.field_type}`,
    form_name: 'form',
    field_type: kind.field_type,
    field_label: `Field ${index}`,
    ...(kind.validation === undefined ? {} : { text_validation_type_or_show_slider_number: kind.validation }),
    ...(kind.field_type === 'checkbox' || kind.field_type === 'radio' || kind.field_type === 'dropdown'
      ? {
          select_choices_or_calculations:
            kind.field_type === 'checkbox'
              ? '1, A | 2, B | 3, C'
              : '0, a | 1, b | 2, c | 10, d | a, e | B3, f'
        }
      : {})
  };
  return { row, kind, values };
}

/** The expected columns (name → DuckDB type, SQL, value per record) of a generated project. */
function expectedColumns(fields: readonly Field[], records: number) {
  return fields.flatMap((field) => {
    const name = field.row.field_name;
    if (field.kind.field_type === 'checkbox') {
      return CHOICES.map((choice, c) => ({
        name: `${name}___${choice}`,
        type: 'BOOLEAN',
        sql: plain(`${name}___${choice}`),
        values: Array.from({ length: records }, (_, r) => (field.values as boolean[][])[r][c])
      }));
    }
    return [
      {
        name,
        type: field.kind.duckdb,
        sql: field.kind.select(name),
        values: (field.values as (Cell | null)[]).map((cell) => cell?.value ?? null)
      }
    ];
  });
}

function recordsOf(fields: readonly Field[], records: number): RedcapRecord[] {
  return Array.from({ length: records }, (_, r) => {
    const record: Record<string, string | string[]> = { record_id: String(r + 1) };
    for (const field of fields) {
      const name = field.row.field_name;
      if (field.kind.field_type === 'checkbox') {
        record[name] = CHOICES.filter((_, c) => (field.values as boolean[][])[r][c]);
      } else {
        record[name] = (field.values as (Cell | null)[])[r]?.raw ?? '';
      }
    }
    return record;
  });
}

let harness: RedcapHarness;
let duckdb: DuckDbReader;
let run = 0;

beforeAll(async () => {
  harness = await RedcapHarness.start({
    study: {
      tokens: [SAMPLE_TOKEN],
      metadata: [{ field_name: 'record_id', form_name: 'form', field_type: 'text', field_label: 'ID' }]
    }
  });
  duckdb = await DuckDbReader.open();
}, 60_000);
afterAll(async () => {
  duckdb.close();
  await harness.stop();
});

test('round trip: any data dictionary and records come back from the parquet equal, in the mapped DuckDB types', async () => {
  await fc.assert(
    fc.asyncProperty(project, async ({ records, fields }) => {
      const study = harness.redcap.project('study');
      study.metadata = [
        { field_name: 'record_id', form_name: 'form', field_type: 'text', field_label: 'ID' },
        ...fields.map((f) => f.row)
      ];
      study.records = recordsOf(fields, records);
      const report = { name: `p${++run}`, project: 'study', mode: 'overwrite' as const };
      const response = await harness.handler([report])({ report: report.name });
      expect(response).toMatchObject({ statusCode: 200, records });

      const object = await harness.object(RedcapHarness.tableKey(report.name));
      const path = duckdb.file(object!.bytes);
      const columns = expectedColumns(fields, records);
      const types = await duckdb.types(path);
      expect(types).toEqual({
        record_id: 'VARCHAR',
        ...Object.fromEntries(columns.map((c) => [c.name, c.type])),
        form_complete: 'VARCHAR',
        exported_at: 'TIMESTAMP WITH TIME ZONE'
      });
      const rows = await duckdb.query(
        `SELECT ${['record_id', ...columns.map((c) => `${c.sql} AS "${c.name}"`)].join(', ')}
         FROM read_parquet('${path}') ORDER BY CAST(record_id AS INTEGER)`
      );
      expect(rows).toEqual(
        Array.from({ length: records }, (_, r) => ({
          record_id: String(r + 1),
          ...Object.fromEntries(columns.map((c) => [c.name, c.values[r]]))
        }))
      );
    }),
    { numRuns: 100 }
  );
}, 300_000);
