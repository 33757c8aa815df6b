import { LAB_RESULT_EXAMPLE, labResultSchema, validateLabResult, type LabResult } from '@reporting/schemas';
import { labResultsJsonArray } from '../testing/lab-result-files';
import { MAX_REPORTED_RECORDS } from './record-failures';
import { parseRecords } from './parse-records';
import type { ParsedRecords } from './record-failures';

const jsonArray = (text: string): ParsedRecords<LabResult> =>
  parseRecords(Buffer.from(text, 'utf8'), 'json-array', validateLabResult, labResultSchema);
const reasonsOf = (result: ParsedRecords<unknown>): string[] => (result.valid ? [] : result.reasons);
const EXAMPLE = LAB_RESULT_EXAMPLE;

describe('parseRecords, json-array', () => {
  it('reads every element of a top-level array, validated (defaults applied)', () => {
    const { unit: _unit, ...withoutUnit } = EXAMPLE;
    expect(jsonArray(labResultsJsonArray([EXAMPLE, withoutUnit]))).toEqual({
      valid: true,
      records: [EXAMPLE, { ...withoutUnit, unit: 'pg/mL' }]
    });
  });

  it('is a file of no records when the array is empty', () => {
    expect(jsonArray(' [ ]\n')).toEqual({ valid: true, records: [] });
  });

  it('names each invalid record by its number and index', () => {
    const text = labResultsJsonArray([EXAMPLE, EXAMPLE, { ...EXAMPLE, adcid: 'x' }, null]);
    expect(reasonsOf(jsonArray(text))).toEqual([
      'record 3 (index 2): adcid: "x" must be of type integer',
      'record 4 (index 3): (event): null must be of type object'
    ]);
  });

  it('reports the first invalid records in full and counts the others', () => {
    const records = Array.from({ length: MAX_REPORTED_RECORDS + 5 }, (_, i) => ({
      ...EXAMPLE,
      adcid: -i - 1
    }));
    const reasons = reasonsOf(jsonArray(labResultsJsonArray([EXAMPLE, ...records])));
    expect(reasons).toHaveLength(MAX_REPORTED_RECORDS + 1);
    expect(reasons[0]).toBe('record 2 (index 1): adcid: -1 must be >= 0');
    expect(reasons.at(-1)).toBe('and 5 more invalid records');
  });

  it.each([
    [
      'an object',
      JSON.stringify(EXAMPLE),
      'file must hold a JSON array of records (format json-array), found object'
    ],
    ['null', 'null', 'file must hold a JSON array of records (format json-array), found null'],
    ['blank text', '  \n', 'file is empty'],
    ['truncated JSON', '[{"adcid": ', 'file is not valid JSON: ']
  ])('rejects %s with a reason', (_name, text, reason) => {
    const reasons = reasonsOf(jsonArray(text));
    expect(reasons).toHaveLength(1);
    expect(reasons[0].startsWith(reason)).toBe(true);
  });
});
