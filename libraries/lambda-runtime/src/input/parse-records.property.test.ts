import { labResultSchema, validateLabResult, type LabResult } from '@reporting/schemas';
import fc from 'fast-check';
import {
  labResultArbitrary,
  labResultsCsv,
  labResultsJsonArray,
  labResultsNdjson
} from '../testing/lab-result-files';
import { INPUT_FORMATS, parseRecords, type InputFormat } from './parse-records';

/** What the validator makes of a record given as JSON (trimmed, defaults applied): the expected result. */
const asValidated = (record: LabResult): LabResult => {
  const result = validateLabResult(record);
  if (!result.valid) throw new Error(`generated an invalid record: ${result.errors.join('; ')}`);
  return result.value;
};

const writers: Record<Exclude<InputFormat, 'json'>, (records: LabResult[]) => string> = {
  'json-array': labResultsJsonArray,
  ndjson: labResultsNdjson,
  csv: (records) => labResultsCsv(records)
};

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

  it('format equivalence: the same records read the same from json-array, ndjson and csv', () => {
    fc.assert(
      // At least one record: no records in NDJSON is an empty file, which is invalid in every format.
      fc.property(fc.array(labResultArbitrary, { minLength: 1, maxLength: 6 }), (records) => {
        const expected = { valid: true, records: records.map(asValidated) };
        for (const [format, write] of Object.entries(writers)) {
          const bytes = Buffer.from(write(records), 'utf8');
          expect(parseRecords(bytes, format as InputFormat, validateLabResult, labResultSchema)).toEqual(
            expected
          );
        }
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
        fc.constantFrom(...INPUT_FORMATS.filter((format) => format !== 'json')),
        (records, pick, format) => {
          const index = pick % records.length;
          const file = records.map((record, i) => (i === index ? { ...record, adcid: -1 - i } : record));
          const bytes = Buffer.from(writers[format as keyof typeof writers](file), 'utf8');
          const result = parseRecords(bytes, format, validateLabResult, labResultSchema);
          const position = {
            'json-array': `record ${index + 1} (index ${index})`,
            ndjson: `line ${index + 1}`,
            csv: `line ${index + 2} (record ${index + 1})`
          }[format as keyof typeof writers];
          expect(result).toEqual({
            valid: false,
            reasons: [`${position}: adcid: ${-1 - index} must be >= 0`]
          });
        }
      ),
      { numRuns: 200 }
    );
  });
});
