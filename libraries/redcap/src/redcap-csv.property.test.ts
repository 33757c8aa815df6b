import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { TableColumnType } from '@reporting/schemas';
import fc from 'fast-check';
import type { DataDictionaryField } from './data-dictionary';
import { parseRedcapCsv } from './parse-redcap-csv';
import { jsonRecords } from './testing/json-records';
import type { RedcapValue } from './value-converters';
import { tableFromDataDictionary } from './table-from-data-dictionary';

/**
 * The model: for each kind of field, how REDCap writes a value in a raw CSV export and the typed
 * value the mapping promises for it (issue 15). Written from REDCap's export format, not from the
 * parser, so that a wrong mapping or a wrong conversion shows as a difference.
 */
interface Cell {
  raw: string;
  value: RedcapValue;
}
const empty: Cell = { raw: '', value: null };

const text = fc
  .string({ unit: 'binary', maxLength: 12 })
  .map((s): Cell => ({ raw: s, value: s === '' ? null : s }));
const code = fc.constantFrom('0', '1', '2', '10', 'a', 'B3').map((c): Cell => ({ raw: c, value: c }));
const flag = fc.boolean().map((b): Cell => ({ raw: b ? '1' : '0', value: b }));
const integer = fc.maxSafeInteger().map((n): Cell => ({ raw: String(n), value: n }));
const double = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((d): Cell => ({ raw: String(d), value: Object.is(d, -0) ? 0 : d }));
const instant = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true
});
const date = instant.map((t): Cell => {
  const day = t.toISOString().slice(0, 10);
  return { raw: day, value: day };
});
const datetime = (seconds: boolean) =>
  instant.map((t): Cell => {
    const iso = t.toISOString();
    const time = iso.slice(11, seconds ? 19 : 16);
    return {
      raw: `${iso.slice(0, 10)} ${time}`,
      value: `${iso.slice(0, 10)}T${seconds ? time : `${time}:00`}Z`
    };
  });

interface Kind {
  field_type: string;
  validation?: string;
  /** The column type the mapping promises (issue 15; a descriptive field has no column). */
  type: TableColumnType;
  cell: fc.Arbitrary<Cell>;
}
const KINDS: Kind[] = [
  { field_type: 'text', cell: text, type: 'string' },
  { field_type: 'text', validation: 'email', cell: text, type: 'string' },
  { field_type: 'text', validation: 'date_ymd', cell: date, type: 'date' },
  { field_type: 'text', validation: 'date_mdy', cell: date, type: 'date' },
  { field_type: 'text', validation: 'date_dmy', cell: date, type: 'date' },
  { field_type: 'text', validation: 'datetime_ymd', cell: datetime(false), type: 'timestamp' },
  { field_type: 'text', validation: 'datetime_dmy', cell: datetime(false), type: 'timestamp' },
  { field_type: 'text', validation: 'datetime_seconds_mdy', cell: datetime(true), type: 'timestamp' },
  { field_type: 'text', validation: 'integer', cell: integer, type: 'int64' },
  { field_type: 'text', validation: 'number', cell: double, type: 'double' },
  { field_type: 'text', validation: 'number_2dp', cell: double, type: 'double' },
  { field_type: 'notes', cell: text, type: 'string' },
  { field_type: 'dropdown', cell: code, type: 'string' },
  { field_type: 'radio', cell: code, type: 'string' },
  { field_type: 'sql', cell: code, type: 'string' },
  { field_type: 'yesno', cell: flag, type: 'boolean' },
  { field_type: 'truefalse', cell: flag, type: 'boolean' },
  { field_type: 'calc', cell: double, type: 'double' },
  {
    field_type: 'slider',
    type: 'int64',
    cell: fc.integer({ min: 0, max: 100 }).map((n) => ({ raw: String(n), value: n }))
  },
  { field_type: 'file', cell: text, type: 'string' },
  { field_type: 'checkbox', cell: flag, type: 'boolean' },
  { field_type: 'descriptive', cell: fc.constant(empty), type: 'string' }
];
/** Checkbox codes and the suffix REDCap's export gives each (lowercased; `-` and `.` → `_`). */
const CHECKBOX_CODES: [string, string][] = [
  ['1', '1'],
  ['-1', '_1'],
  ['0', '0'],
  ['A', 'a'],
  ['2.5', '2_5'],
  ['99', '99']
];

interface Field {
  row: DataDictionaryField;
  /** The export columns of the field (several for a checkbox, none for a descriptive field) and their cells. */
  columns: { name: string; type: TableColumnType; cell: fc.Arbitrary<Cell> }[];
}

const field = (index: number, form: string): fc.Arbitrary<Field> =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS),
      choices: fc.subarray(CHECKBOX_CODES, { minLength: 1 }),
      nullable: fc.boolean()
    })
    .map(({ kind, choices, nullable }) => {
      const name = `f${index}_${kind.field_type}`;
      const row: DataDictionaryField = {
        field_name: name,
        form_name: form,
        field_type: kind.field_type,
        field_label: `Field ${index}`,
        select_choices_or_calculations:
          kind.field_type === 'checkbox'
            ? choices.map(([c]) => `${c}, choice ${c}`).join(' | ')
            : '1, a | 2, b',
        text_validation_type_or_show_slider_number: kind.validation ?? ''
      };
      const cell = nullable ? fc.oneof(kind.cell, fc.constant(empty)) : kind.cell;
      if (kind.field_type === 'descriptive') return { row, columns: [] };
      const { type } = kind;
      if (kind.field_type !== 'checkbox') return { row, columns: [{ name, type, cell }] };
      return { row, columns: choices.map(([, suffix]) => ({ name: `${name}___${suffix}`, type, cell })) };
    });

/** A dictionary: a text record id, then 1–3 forms of 1–8 fields, and each form's status column. */
const dictionary = fc
  .array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 })
  .chain((sizes) => {
    const fields: fc.Arbitrary<Field>[] = [];
    sizes.forEach((size, form) => {
      for (let i = 0; i < size; i++) fields.push(field(fields.length, `form_${form}`));
    });
    return fc.tuple(...fields);
  })
  .map((fields) => {
    const recordId: Field = {
      row: { field_name: 'record_id', form_name: 'form_0', field_type: 'text' },
      columns: [
        {
          name: 'record_id',
          type: 'string',
          cell: fc.string({ minLength: 1, maxLength: 8 }).map((s) => ({ raw: s, value: s }))
        }
      ]
    };
    const all = [recordId, ...fields];
    const columns: Field['columns'] = [];
    for (const form of new Set(all.map((f) => f.row.form_name))) {
      columns.push(...all.filter((f) => f.row.form_name === form).flatMap((f) => f.columns));
      // The form's status after its fields: a raw code (0 Incomplete, 1 Unverified, 2 Complete).
      const status = fc.constantFrom('0', '1', '2', '').map((c) => ({ raw: c, value: c === '' ? null : c }));
      columns.push({ name: `${form}_complete`, type: 'string', cell: status });
    }
    return { rows: all.map((f) => f.row), columns };
  });

/** A dictionary, the export columns the report includes, and records of cells for them. */
const scenario = dictionary.chain(({ rows, columns }) =>
  fc.record({
    rows: fc.constant(rows),
    names: fc.constant(columns.map((c) => c.name)),
    types: fc.constant(columns.map((c) => c.type)),
    // A report may leave fields out (never the record id); those columns are null.
    included: fc.array(fc.boolean(), { minLength: columns.length, maxLength: columns.length }),
    records: fc.array(fc.tuple(...columns.map((c) => c.cell)), { maxLength: 12 }),
    batchSize: fc.integer({ min: 1, max: 5 }),
    delimiter: fc.constantFrom('unix', 'windows') as fc.Arbitrary<'unix' | 'windows'>
  })
);

describe('REDCap CSV → typed records', () => {
  it('dictionary round trip: any data dictionary and records written as REDCap CSV parse back to the records with the mapped types', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ rows, names, types, included, records, batchSize, delimiter }) => {
        const table = tableFromDataDictionary(rows, { name: 'report' });
        const exportedAt = new Date('2026-12-06T12:00:00.000Z');
        const keep = names.map((_, i) => i === 0 || included[i]);
        const header = names.filter((_, i) => keep[i]);
        const body = stringify(
          [header, ...records.map((cells) => cells.filter((_, i) => keep[i]).map((c) => c.raw))],
          { record_delimiter: delimiter }
        );

        const batches = [];
        for await (const batch of parseRedcapCsv(Readable.from([body]), table, { exportedAt, batchSize })) {
          expect(batch.rowCount).toBeLessThanOrEqual(batchSize);
          batches.push(batch);
        }
        const parsed = jsonRecords(table, batches);

        const expected = records.map((cells) => ({
          ...Object.fromEntries(names.map((name, i) => [name, keep[i] ? cells[i].value : null])),
          exported_at: '2026-12-06T12:00:00Z'
        }));
        expect(table.columns.map((c) => [c.name, c.type])).toEqual([
          ...names.map((name, i) => [name, types[i]]),
          ['exported_at', 'timestamp']
        ]);
        expect(parsed).toStrictEqual(expected);
      }),
      { numRuns: 150 }
    );
  });
});
