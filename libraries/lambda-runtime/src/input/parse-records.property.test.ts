import { labResultSchema, validateLabResult, type LabResult } from '@reporting/schemas';
import fc from 'fast-check';
import { recordPosition, writeRecordFile, type RecordFileFormat } from '@reporting/test-kit';
import { labResultArbitrary, labResultsCsv } from '../testing/lab-result-files';
import { formatOf } from './format-of-key';
import { INPUT_FORMATS, parseRecords, type InputFormat } from './parse-records';

/** What the validator makes of a record given as JSON (trimmed, defaults applied): the expected result. */
const asValidated = (record: LabResult): LabResult => {
  const result = validateLabResult(record);
  if (!result.valid) throw new Error(`generated an invalid record: ${result.errors.join('; ')}`);
  return result.value;
};

/** The formats of several records per file. */
const MULTI_RECORD_FORMATS = INPUT_FORMATS.filter(
  (format): format is Exclude<InputFormat, 'json'> => format !== 'json'
);

/** A file as the test kit writes it, read as a lambda reading `by-extension` reads it. */
function readBack(format: RecordFileFormat, records: readonly LabResult[]) {
  const { body, extension } = writeRecordFile(format, records, labResultSchema);
  const chosen = formatOf('by-extension', `labs/file.${extension}`, body);
  if ('refused' in chosen) throw new Error(chosen.refused);
  return {
    format: chosen.format,
    parsed: parseRecords(body, chosen.format, validateLabResult, labResultSchema)
  };
}

describe('parseRecords properties', () => {
  it('csv round trip: any lab-result records written as CSV (LF or CRLF, with or without BOM) parse back to the same records', () => {
    fc.assert(
      fc.property(
        fc.array(labResultArbitrary, { maxLength: 8 }),
        fc.constantFrom('unix' as const, 'windows' as const),
        fc.boolean(),
        (records, lineEnding, bom) => {
          const text = labResultsCsv(records, { lineEnding, bom });
          const result = parseRecords(Buffer.from(text, 'utf8'), 'csv', validateLabResult, labResultSchema);
          expect(result).toEqual({ valid: true, records: records.map(asValidated) });
        }
      ),
      { numRuns: 200 }
    );
  });

  it("format equivalence: the same records, written by the test kit's writer in json-array, ndjson and csv, read the same by their extension", () => {
    fc.assert(
      // At least one record: no records in NDJSON is an empty file, which is invalid in every format.
      fc.property(fc.array(labResultArbitrary, { minLength: 1, maxLength: 6 }), (records) => {
        const expected = { valid: true, records: records.map(asValidated) };
        for (const format of MULTI_RECORD_FORMATS) {
          expect(readBack(format, records)).toEqual({ format, parsed: expected });
        }
      }),
      { numRuns: 100 }
    );
  });

  it("json round trip: any lab-result record, written by the test kit's writer as one JSON object, reads back by its extension", () => {
    fc.assert(
      fc.property(labResultArbitrary, (record) => {
        expect(readBack('json', [record])).toEqual({
          format: 'json',
          parsed: { valid: true, records: [asValidated(record)] }
        });
      }),
      { numRuns: 100 }
    );
  });

  it('file atomicity: one invalid record makes the whole file invalid and names its position', () => {
    // Single-line text, so that a record's line is its row: the unit tests cover multi-line rows.
    const simple = labResultArbitrary.map((record) => ({
      ...record,
      sample_id: 'S-1',
      comment: null,
      instrument: { manufacturer: 'Q', model: 'HD-X', serial: null },
      flags: undefined
    }));
    fc.assert(
      fc.property(
        fc.array(simple, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom(...MULTI_RECORD_FORMATS),
        (records, pick, format) => {
          const index = pick % records.length;
          const file = records.map((record, i) => (i === index ? { ...record, adcid: -1 - i } : record));
          // The position the test kit expects (its invalid sample files' reasons) is the parser's.
          expect(readBack(format, file).parsed).toEqual({
            valid: false,
            reasons: [`${recordPosition(format, index)}: adcid: ${-1 - index} must be >= 0`]
          });
        }
      ),
      { numRuns: 200 }
    );
  });
});
