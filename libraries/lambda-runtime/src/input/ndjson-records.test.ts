import { LAB_RESULT_EXAMPLE, labResultSchema, validateLabResult, type LabResult } from '@reporting/schemas';
import { labResultsNdjson } from '../testing/lab-result-files';
import { parseRecords } from './parse-records';
import type { ParsedRecords } from './record-failures';

const ndjson = (text: string): ParsedRecords<LabResult> =>
  parseRecords(Buffer.from(text, 'utf8'), 'ndjson', validateLabResult, labResultSchema);
const reasonsOf = (result: ParsedRecords<unknown>): string[] => (result.valid ? [] : result.reasons);
const line = (record: object): string => JSON.stringify(record);
const EXAMPLE = LAB_RESULT_EXAMPLE;

describe('parseRecords, ndjson', () => {
  it('reads one record per line, with or without a trailing newline, CRLF or LF', () => {
    const other = { ...EXAMPLE, adcid: 7 };
    const expected = { valid: true, records: [EXAMPLE, other] };
    expect(ndjson(labResultsNdjson([EXAMPLE, other]))).toEqual(expected);
    expect(ndjson(`${line(EXAMPLE)}\r\n${line(other)}`)).toEqual(expected);
  });

  it('skips blank lines, and counts them in the positions', () => {
    const text = `\n${line(EXAMPLE)}\n  \n\n${line({ ...EXAMPLE, adcid: -1 })}\n\n`;
    expect(reasonsOf(ndjson(text))).toEqual(['line 5: adcid: -1 must be >= 0']);
  });

  it('is a file of no records when every line is blank', () => {
    expect(ndjson('\n \r\n')).toEqual({ valid: true, records: [] });
  });

  it('reports every invalid line: bad JSON, a record that is not an object, schema violations', () => {
    const text = [
      line(EXAMPLE),
      '{"adcid": 4',
      '[1]',
      line({ ...EXAMPLE, ptid: undefined, assay: 'x' })
    ].join('\n');
    const reasons = reasonsOf(ndjson(text));
    expect(reasons[0]).toMatch(/^line 2: not valid JSON: /);
    expect(reasons.slice(1)).toEqual([
      'line 3: (event): [1] must be of type object',
      'line 4: ptid: is required',
      'line 4: assay: "x" is not one of abeta40, abeta42, ptau181, ptau217, nfl, gfap'
    ]);
  });

  it('tolerates a byte-order mark and rejects an unpaired surrogate', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line(EXAMPLE))]);
    expect(parseRecords(bom, 'ndjson', validateLabResult, labResultSchema)).toEqual({
      valid: true,
      records: [EXAMPLE]
    });
    const lone = line(EXAMPLE).replace('"PL-', '"\\udc00PL-');
    expect(reasonsOf(ndjson(lone))[0]).toMatch(
      /^line 1: sample_id: text contains an unpaired UTF-16 surrogate/
    );
  });

  it('turns a stack overflow while validating a line into a reason', () => {
    const overflowing = (): never => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    expect(parseRecords(Buffer.from('{}\n'), 'ndjson', overflowing, {})).toEqual({
      valid: false,
      reasons: ['line 1: record content is nested too deeply']
    });
  });
});
