import { type TableColumn, tables } from '@reporting/schemas';
import type { DataDictionaryField } from './data-dictionary';
import { DataDictionaryError } from './errors';
import { tableFromDataDictionary } from './table-from-data-dictionary';

function field(
  field_name: string,
  field_type: string,
  extra: Partial<DataDictionaryField> = {}
): DataDictionaryField {
  return {
    field_name,
    form_name: 'visit',
    section_header: '',
    field_type,
    field_label: field_name,
    select_choices_or_calculations: '',
    field_note: '',
    text_validation_type_or_show_slider_number: '',
    text_validation_min: '',
    text_validation_max: '',
    identifier: '',
    branching_logic: '',
    required_field: '',
    ...extra
  };
}
const text = (name: string, validation: string): DataDictionaryField =>
  field(name, 'text', { text_validation_type_or_show_slider_number: validation });
const recordId = field('record_id', 'text');

/** name → type of a table's columns, in order. */
function columnTypes(columns: readonly TableColumn[]): [string, string][] {
  return columns.map((c) => [c.name, c.type]);
}
const mapped = (fields: DataDictionaryField[]) =>
  tableFromDataDictionary([recordId, ...fields], { name: 'visits', formCompleteColumns: false });

function refusal(fields: readonly DataDictionaryField[]): DataDictionaryError {
  try {
    tableFromDataDictionary(fields, { name: 'visits' });
  } catch (error) {
    if (error instanceof DataDictionaryError) return error;
    throw error;
  }
  throw new Error('the dictionary was accepted');
}

describe('tableFromDataDictionary', () => {
  it.each([
    ['date_ymd', 'date'],
    ['date_mdy', 'date'],
    ['date_dmy', 'date'],
    ['datetime_ymd', 'timestamp'],
    ['datetime_mdy', 'timestamp'],
    ['datetime_dmy', 'timestamp'],
    ['datetime_seconds_ymd', 'timestamp'],
    ['datetime_seconds_mdy', 'timestamp'],
    ['datetime_seconds_dmy', 'timestamp'],
    ['integer', 'int64'],
    ['number', 'double'],
    ['number_1dp', 'double'],
    ['number_4dp', 'double'],
    ['number_comma_decimal', 'double'],
    ['number_2dp_comma_decimal', 'double'],
    ['', 'string'],
    ['email', 'string'],
    ['time', 'string'],
    ['phone', 'string'],
    ['a_site_custom_validation', 'string']
  ])('maps a text field validated as %j to a %s column', (validation, type) => {
    expect(columnTypes(mapped([text('value', validation)]).columns)[1]).toEqual(['value', type]);
  });

  it.each([
    ['notes', 'string', false],
    ['dropdown', 'string', true],
    ['radio', 'string', true],
    ['sql', 'string', true],
    ['yesno', 'boolean', false],
    ['truefalse', 'boolean', false],
    ['calc', 'double', false],
    ['slider', 'int64', false],
    ['file', 'string', false]
  ])('maps a %s field to a %s column (dictionary-encoded: %s)', (fieldType, type, dictionary) => {
    const column = mapped([field('value', fieldType, { select_choices_or_calculations: '1, a | 2, b' })])
      .columns[1];
    expect(column).toMatchObject({ name: 'value', type, dictionary, repetition: 'OPTIONAL', lineage: false });
  });

  it('ignores the validation of fields other than text', () => {
    const column = mapped([
      field('value', 'notes', { text_validation_type_or_show_slider_number: 'integer' })
    ]).columns[1];
    expect(column.type).toBe('string');
  });

  it('gives a descriptive field no column', () => {
    expect(columnTypes(mapped([field('intro', 'descriptive')]).columns)).toEqual([
      ['record_id', 'string'],
      ['exported_at', 'timestamp']
    ]);
  });

  it("gives a checkbox one BOOLEAN column per choice, in choice order, named as REDCap's export names them", () => {
    const checkbox = field('symptoms', 'checkbox', {
      select_choices_or_calculations:
        '3, Fever | 1, Cough, dry | -1, Unknown | A, Other | 1.5, Half | x y, Spaced'
    });
    expect(columnTypes(mapped([checkbox]).columns)).toEqual([
      ['record_id', 'string'],
      ['symptoms___3', 'boolean'],
      ['symptoms___1', 'boolean'],
      ['symptoms____1', 'boolean'],
      ['symptoms___a', 'boolean'],
      ['symptoms___1_5', 'boolean'],
      ['symptoms___xy', 'boolean'],
      ['exported_at', 'timestamp']
    ]);
  });

  it('makes the record id (the first field) REQUIRED and every other column OPTIONAL', () => {
    const table = tableFromDataDictionary(
      [text('study_id', 'integer'), text('age', 'integer'), field('sex', 'radio')],
      { name: 'visits' }
    );
    expect(table.columns.map((c) => [c.name, c.repetition])).toEqual([
      ['study_id', 'REQUIRED'],
      ['age', 'OPTIONAL'],
      ['sex', 'OPTIONAL'],
      ['visit_complete', 'OPTIONAL'],
      ['exported_at', 'OPTIONAL']
    ]);
    expect(table.columns[0].type).toBe('int64');
  });

  it('keeps dictionary order, adds each form status after its fields and exported_at (lineage) last', () => {
    const table = tableFromDataDictionary(
      [
        recordId,
        { ...text('dob', 'date_ymd'), form_name: 'demographics' },
        { ...field('consent', 'yesno'), form_name: 'demographics' },
        { ...text('weight', 'number'), form_name: 'vitals' }
      ],
      { name: 'visits' }
    );
    expect(columnTypes(table.columns)).toEqual([
      ['record_id', 'string'],
      ['visit_complete', 'string'],
      ['dob', 'date'],
      ['consent', 'boolean'],
      ['demographics_complete', 'string'],
      ['weight', 'double'],
      ['vitals_complete', 'string'],
      ['exported_at', 'timestamp']
    ]);
    expect(table.columns.filter((c) => c.lineage).map((c) => c.name)).toEqual(['exported_at']);
    expect(table.columns.find((c) => c.name === 'vitals_complete')?.dictionary).toBe(true);
  });

  it('places the requested system columns after the record id, in export order', () => {
    const table = tableFromDataDictionary([recordId, text('age', 'integer')], {
      name: 'visits',
      formCompleteColumns: false,
      systemColumns: ['redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance']
    });
    expect(columnTypes(table.columns)).toEqual([
      ['record_id', 'string'],
      ['redcap_event_name', 'string'],
      ['redcap_repeat_instrument', 'string'],
      ['redcap_repeat_instance', 'int64'],
      ['age', 'int64'],
      ['exported_at', 'timestamp']
    ]);
  });

  it("spells every column type as @reporting/schemas' generated tables spell it", () => {
    const schemaColumns = Object.values(tables).flatMap((t) => t.columns as readonly TableColumn[]);
    const ours = tableFromDataDictionary(
      [
        recordId,
        text('d', 'date_ymd'),
        text('t', 'datetime_ymd'),
        text('i', 'integer'),
        text('n', 'number'),
        field('b', 'yesno')
      ],
      { name: 'visits' }
    ).columns;
    for (const column of ours) {
      const theirs = schemaColumns.find((c) => c.type === column.type);
      expect(theirs).toBeDefined();
      const spelling = (c: TableColumn) => [c.physicalType, c.convertedType, c.logicalType];
      expect(spelling(column)).toEqual(spelling(theirs as TableColumn));
    }
  });

  it('names the table and versions it by its columns unless told', () => {
    const table = tableFromDataDictionary([recordId], { name: 'visits' });
    expect(table).toMatchObject({
      schema: 'visits',
      title: 'REDCap visits',
      sortColumn: null,
      keyPlaceholders: []
    });
    expect(table.version).toMatch(/^[0-9a-f]{12}$/);
    expect(tableFromDataDictionary([recordId], { name: 'other' }).version).toBe(table.version);
    expect(tableFromDataDictionary([recordId, text('age', 'integer')], { name: 'visits' }).version).not.toBe(
      table.version
    );
    expect(
      tableFromDataDictionary([recordId], { name: 'visits', title: 'Visits', version: '3' })
    ).toMatchObject({
      title: 'Visits',
      version: '3'
    });
  });

  describe('refuses, naming the field,', () => {
    it.each<[string, DataDictionaryField[], string | undefined, RegExp]>([
      ['an empty dictionary', [], undefined, /no fields/],
      [
        'a duplicate field name',
        [recordId, text('age', ''), text('age', 'integer')],
        'age',
        /"age" appears twice/
      ],
      ['a checkbox without choices', [recordId, field('symptoms', 'checkbox')], 'symptoms', /no choices/],
      [
        'a checkbox choice without a code',
        [recordId, field('symptoms', 'checkbox', { select_choices_or_calculations: '1, a | Other' })],
        'symptoms',
        /"Other" is not "code, label"/
      ],
      [
        'checkbox codes REDCap exports under one name',
        [recordId, field('symptoms', 'checkbox', { select_choices_or_calculations: 'A, upper | a, lower' })],
        'symptoms',
        /"symptoms___a" appears twice/
      ],
      ['an unknown field type', [recordId, field('mood', 'emoji')], 'mood', /unknown field_type "emoji"/],
      [
        'a field without a type',
        [recordId, { ...recordId, field_name: 'x', field_type: undefined as unknown as string }],
        'x',
        /unknown field_type ""/
      ],
      ['a field name REDCap would not allow', [recordId, text('Age', '')], 'Age', /variable name/],
      ['a field without a form', [recordId, { ...text('age', ''), form_name: '' }], 'age', /no form_name/],
      [
        'a checkbox record id',
        [field('ids', 'checkbox', { select_choices_or_calculations: '1, a' })],
        'ids',
        /record id/
      ],
      [
        'a field named like the lineage column',
        [recordId, text('exported_at', '')],
        'exported_at',
        /"exported_at" appears for field "exported_at" and for the lineage column/
      ],
      [
        "a field named like a form's status column",
        [recordId, text('visit_complete', '')],
        'visit_complete',
        /"visit_complete" appears for field "visit_complete" and for the status of form "visit"/
      ]
    ])('%s', (_, fields, name, message) => {
      const error = refusal(fields);
      expect(error.field).toBe(name);
      expect(error.message).toMatch(message);
    });

    it('a row that is not an object', () => {
      expect(refusal([recordId, null as unknown as DataDictionaryField]).message).toMatch(
        /row 2: field_name/
      );
    });
  });
});
