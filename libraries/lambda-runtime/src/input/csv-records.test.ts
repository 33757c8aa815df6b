import { LAB_RESULT_EXAMPLE, labResultSchema, validateLabResult, type LabResult } from '@reporting/schemas';
import { LAB_RESULT_COLUMNS, labResultsCsv } from '../testing/lab-result-files';
import { parseRecords } from './parse-records';
import type { ParsedRecords } from './record-failures';

const csv = (text: string): ParsedRecords<LabResult> =>
  parseRecords(Buffer.from(text, 'utf8'), 'csv', validateLabResult, labResultSchema);
const reasonsOf = (result: ParsedRecords<unknown>): string[] => (result.valid ? [] : result.reasons);

const EXAMPLE = LAB_RESULT_EXAMPLE;
const header = LAB_RESULT_COLUMNS.join(',');

describe('parseRecords, csv', () => {
  it('reads every record, coerced by the schema and validated (defaults applied)', () => {
    const second = { ...EXAMPLE, adcid: 7, unit: undefined, flags: undefined, below_detection_limit: true };
    const result = csv(labResultsCsv([EXAMPLE, second]));
    const { unit: _unit, flags: _flags, ...rest } = second;
    expect(result).toEqual({ valid: true, records: [EXAMPLE, { ...rest, unit: 'pg/mL' }] });
  });

  it('reads LF, CRLF and CR line endings, even mixed in one file', () => {
    const [head, row] = labResultsCsv([EXAMPLE]).split('\n');
    const text = `${head}\r\n${row}\n${row}\r${row}\r\n\r\n${row.replace('44', '-1')}`;
    expect(reasonsOf(csv(text))).toEqual(['line 6 (record 4): adcid: -1 must be >= 0']);
  });

  it('tolerates a byte-order mark, CRLF line endings, quoted delimiters, quotes and line breaks', () => {
    const tricky = { ...EXAMPLE, sample_id: 'PL "7", a\r\nb', comment: 'line 1\nline 2' };
    const text = labResultsCsv([tricky, EXAMPLE], { lineEnding: 'windows', bom: true });
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(csv(text)).toEqual({ valid: true, records: [tricky, EXAMPLE] });
  });

  it('accepts columns in any order and a padded header', () => {
    const columns = [...LAB_RESULT_COLUMNS].reverse();
    const text = labResultsCsv([EXAMPLE], { columns }).replace('flags,', ' flags ,');
    expect(csv(text)).toEqual({ valid: true, records: [EXAMPLE] });
  });

  it('reads an empty cell as null where null is allowed, as absent otherwise', () => {
    const text = `adcid,ptid,comment,unit,instrument\n44,,,,\n`;
    expect(reasonsOf(csv(text))).toEqual([
      'line 2 (record 1): ptid: is required',
      'line 2 (record 1): sample_id: is required',
      'line 2 (record 1): accession_number: is required',
      'line 2 (record 1): assay: is required',
      'line 2 (record 1): collected_on: is required',
      'line 2 (record 1): measured_at: is required',
      'line 2 (record 1): value: is required',
      'line 2 (record 1): below_detection_limit: is required',
      'line 2 (record 1): instrument: is required'
    ]);
    const withNulls = labResultsCsv([{ ...EXAMPLE, comment: '   ', lower_limit: null }]);
    expect(csv(withNulls)).toEqual({
      valid: true,
      records: [{ ...EXAMPLE, comment: null, lower_limit: null }]
    });
  });

  it('names the line, the record, the column and the cell of a value that cannot be coerced', () => {
    const rows = [
      { ...EXAMPLE, adcid: '4.2' },
      { ...EXAMPLE, value: 'high', below_detection_limit: 'yes', instrument: '{oops' }
    ];
    const reasons = reasonsOf(csv(labResultsCsv(rows)));
    expect(reasons[0]).toBe('line 2 (record 1): adcid: "4.2" is not an integer');
    expect(reasons[1]).toBe('line 3 (record 2): value: "high" is not a number');
    expect(reasons[2]).toBe(
      'line 3 (record 2): below_detection_limit: "yes" is not a boolean (expected true, false, 1 or 0)'
    );
    expect(reasons[3]).toMatch(/^line 3 \(record 2\): instrument: "\{oops" is not valid JSON: /);
    // The validator would add "adcid: is required" etc.; the coercion's reason says it better.
    expect(reasons).toHaveLength(4);
  });

  it("prefixes the validator's reasons with physical lines, counting quoted line breaks and blank lines", () => {
    const bad = { ...EXAMPLE, adcid: -1 };
    const multiline = { ...EXAMPLE, comment: 'a\r\nb\nc' };
    const body = labResultsCsv([multiline, bad], { lineEnding: 'windows' });
    const text = body.replace('\r\n', '\r\n\r\n'); // a blank line after the header
    expect(reasonsOf(csv(text))).toEqual(['line 6 (record 2): adcid: -1 must be >= 0']);
  });

  it('reports a row with another number of fields than the header, with its line', () => {
    const text = `${labResultsCsv([EXAMPLE])}1,2\n${labResultsCsv([EXAMPLE]).split('\n')[1]},extra\n \n`;
    expect(reasonsOf(csv(text))).toEqual([
      `line 3 (record 2): has 2 fields, the header has ${LAB_RESULT_COLUMNS.length}`,
      `line 4 (record 3): has ${LAB_RESULT_COLUMNS.length + 1} fields, the header has ${LAB_RESULT_COLUMNS.length}`,
      `line 5 (record 4): has 1 field, the header has ${LAB_RESULT_COLUMNS.length}`
    ]);
  });

  it('refuses unknown, repeated and unnamed header columns, all at once', () => {
    expect(reasonsOf(csv(`${header},colour,adcid,\n`))).toEqual([
      `header: column "colour" is not a field of LabResult (fields: ${LAB_RESULT_COLUMNS.join(', ')})`,
      'header: column "adcid" appears twice (columns 1 and 18)',
      'header: column 19 has no name'
    ]);
  });

  it('accepts unknown columns, as text, where the schema allows other properties', () => {
    const open = { type: 'object', properties: { n: { type: 'integer' } } };
    const echo = (input: unknown): { valid: true; value: unknown } => ({ valid: true, value: input });
    const result = parseRecords(Buffer.from('n,note\n1,2\n'), 'csv', echo, open);
    expect(result).toEqual({ valid: true, records: [{ n: 1, note: '2' }] });
    const typed = { ...open, additionalProperties: { type: 'boolean' } };
    expect(parseRecords(Buffer.from('n,flag\n1,true\n'), 'csv', echo, typed)).toEqual({
      valid: true,
      records: [{ n: 1, flag: true }]
    });
  });

  it('keeps a column named __proto__ a plain field', () => {
    const echo = (input: unknown): { valid: true; value: unknown } => ({ valid: true, value: input });
    const result = parseRecords(Buffer.from('__proto__\n"{""a"":1}"\n'), 'csv', echo, {
      properties: { ['__proto__']: { type: 'object' } }
    });
    expect(result.valid && Object.keys(result.records[0] as object)).toEqual(['__proto__']);
  });

  it('is a file of no records with a header alone', () => {
    expect(csv(`${header}\n`)).toEqual({ valid: true, records: [] });
    expect(csv(header)).toEqual({ valid: true, records: [] });
  });

  it.each([
    ['only blank lines', '\n\r\n\r', 'file has no header row'],
    ['an unclosed quote', `${header}\n"44,`, 'file is not valid CSV: Quote Not Closed'],
    ['a quote inside an unquoted field', `${header}\n4"4,`, 'file is not valid CSV: Invalid Opening Quote']
  ])('rejects %s with a reason', (_name, text, reason) => {
    const reasons = reasonsOf(csv(text));
    expect(reasons).toHaveLength(1);
    expect(reasons[0].startsWith(reason)).toBe(true);
  });

  it('rejects an unpaired surrogate in a JSON cell, naming the field', () => {
    const text = labResultsCsv([EXAMPLE]).replace('"Quanterix', '"Quant\\ud800erix');
    expect(reasonsOf(csv(text))[0]).toMatch(
      /^line 2 \(record 1\): instrument\.manufacturer: text contains an unpaired UTF-16 surrogate/
    );
  });
});
