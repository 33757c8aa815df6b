import { LAB_RESULT_EXAMPLE, labResultSchema, validateLabResult } from '@reporting/schemas';
import { INPUT_FORMATS, isInputFormat, parseRecords, type InputFormat } from './parse-records';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseRecords', () => {
  it('reads a json file as one record, as parseJsonFile does', () => {
    expect(
      parseRecords(bytes(JSON.stringify(LAB_RESULT_EXAMPLE)), 'json', validateLabResult, labResultSchema)
    ).toEqual({ valid: true, records: [LAB_RESULT_EXAMPLE] });
    expect(parseRecords(bytes('{"adcid": 1'), 'json', validateLabResult, labResultSchema)).toEqual({
      valid: false,
      reasons: [expect.stringMatching(/^file is not valid JSON: /)]
    });
  });

  it.each(INPUT_FORMATS)(
    'rejects an empty file (no bytes, or only a byte-order mark) in format %s',
    (format) => {
      for (const empty of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf])]) {
        expect(parseRecords(empty, format, validateLabResult, labResultSchema)).toEqual({
          valid: false,
          reasons: ['file is empty']
        });
      }
    }
  );

  it.each(INPUT_FORMATS)('rejects text that is not UTF-8 in format %s', (format) => {
    expect(parseRecords(Buffer.from([0x5b, 0xff, 0x5d]), format, validateLabResult, labResultSchema)).toEqual(
      {
        valid: false,
        reasons: ['file is not valid UTF-8 text']
      }
    );
  });

  it('refuses a format it does not know (a configuration error, not an invalid file)', () => {
    expect(() => parseRecords(bytes('x'), 'xml' as InputFormat, validateLabResult, labResultSchema)).toThrow(
      'unknown input format "xml"'
    );
  });

  it('tells the formats it knows', () => {
    expect(INPUT_FORMATS.filter(isInputFormat)).toEqual(['json', 'json-array', 'ndjson', 'csv']);
    expect([undefined, 'JSON', 'tsv', 1].some(isInputFormat)).toBe(false);
  });
});
