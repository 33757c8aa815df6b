import { LAB_RESULT_EXAMPLE, labResultTable, type TableColumn, validateLabResult } from './index';

const COLUMNS: readonly TableColumn[] = labResultTable.columns;

describe('lab-result schema', () => {
  it('accepts the example, applying the unit default', () => {
    const { unit, ...withoutUnit } = LAB_RESULT_EXAMPLE;
    expect(unit).toBe('pg/mL');
    const result = validateLabResult(withoutUnit);
    expect(result.valid && result.value.unit).toBe('pg/mL');
  });

  it('refuses an out-of-range INT32 field, a date-time without an offset and a malformed nested object', () => {
    const result = validateLabResult({
      ...LAB_RESULT_EXAMPLE,
      adcid: 2147483648,
      measured_at: '2024-01-17T09:41:12',
      instrument: { manufacturer: 'Quanterix' }
    });
    expect(result.valid).toBe(false);
    expect(result.valid ? [] : result.errors.join('\n')).toMatch(
      /adcid[\s\S]*measured_at|measured_at[\s\S]*adcid/
    );
    expect(result.valid ? [] : result.errors.join('\n')).toMatch(/instrument/);
  });
});

describe('lab-result table: each column by its mapping rule', () => {
  it.each([
    // column, rule, column type, physical, logical, repetition
    ['adcid', 'integer within int32 bounds', 'int32', 'INT32', undefined, 'REQUIRED'],
    ['ptid', 'string', 'string', 'BYTE_ARRAY', 'STRING', 'REQUIRED'],
    ['sample_id', 'string', 'string', 'BYTE_ARRAY', 'STRING', 'REQUIRED'],
    ['accession_number', 'integer beyond int32', 'int64', 'INT64', undefined, 'REQUIRED'],
    ['assay', 'enum of strings', 'string', 'BYTE_ARRAY', 'STRING', 'REQUIRED'],
    ['collected_on', 'format date', 'date', 'INT32', 'DATE', 'REQUIRED'],
    ['measured_at', 'format date-time', 'timestamp', 'INT64', 'TIMESTAMP', 'REQUIRED'],
    ['reported_at', 'format iso-date-time, nullable', 'timestamp', 'INT64', 'TIMESTAMP', 'OPTIONAL'],
    ['value', 'number', 'double', 'DOUBLE', undefined, 'REQUIRED'],
    ['unit', 'enum, not required but defaulted', 'string', 'BYTE_ARRAY', 'STRING', 'REQUIRED'],
    ['lower_limit', 'nullable number', 'double', 'DOUBLE', undefined, 'OPTIONAL'],
    ['below_detection_limit', 'boolean', 'boolean', 'BOOLEAN', undefined, 'REQUIRED'],
    ['repeat_count', 'nullable small integer', 'int32', 'INT32', undefined, 'OPTIONAL'],
    ['comment', 'nullable string', 'string', 'BYTE_ARRAY', 'STRING', 'OPTIONAL'],
    ['instrument', 'nested object', 'json', 'BYTE_ARRAY', 'JSON', 'REQUIRED'],
    ['flags', 'array, not required', 'json', 'BYTE_ARRAY', 'JSON', 'OPTIONAL'],
    ['source_key', 'lineage', 'string', 'BYTE_ARRAY', 'STRING', 'OPTIONAL'],
    ['source_version', 'lineage', 'string', 'BYTE_ARRAY', 'STRING', 'OPTIONAL'],
    ['ingested_at', 'lineage', 'timestamp', 'INT64', 'TIMESTAMP', 'OPTIONAL']
  ])('%s (%s) → %s %s %s %s', (name, _rule, type, physical, logical, repetition) => {
    const column = COLUMNS.find((c) => c.name === name);
    expect(column).toBeDefined();
    expect([column?.type, column?.physicalType, column?.logicalType?.type, column?.repetition]).toEqual([
      type,
      physical,
      logical,
      repetition
    ]);
  });

  it('has exactly those columns, in schema order, enums dictionary-encoded, sorted by measured_at', () => {
    expect(labResultTable.columns.map((c) => c.name)).toEqual([
      'adcid',
      'ptid',
      'sample_id',
      'accession_number',
      'assay',
      'collected_on',
      'measured_at',
      'reported_at',
      'value',
      'unit',
      'lower_limit',
      'below_detection_limit',
      'repeat_count',
      'comment',
      'instrument',
      'flags',
      'source_key',
      'source_version',
      'ingested_at'
    ]);
    expect(labResultTable.columns.filter((c) => c.dictionary).map((c) => c.name)).toEqual(['assay', 'unit']);
    expect(labResultTable.sortColumn).toBe('measured_at');
    expect(labResultTable.keyPlaceholders).toEqual(['adcid', 'assay']);
  });
});
