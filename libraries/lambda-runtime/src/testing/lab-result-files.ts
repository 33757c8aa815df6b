// Lab-result files in every input format, for tests and the input-format benchmark: an arbitrary of
// valid records and writers that put records into a file as a producer would.
import { labResultSchema, type LabResult } from '@reporting/schemas';
import {
  recordsCsv,
  recordsJsonArray,
  recordsNdjson,
  type CsvOptions as WriterCsvOptions
} from '@reporting/test-kit';
import fc from 'fast-check';

/** The lab-result properties in schema order: the CSV header. */
export const LAB_RESULT_COLUMNS = Object.keys(labResultSchema.properties);

// Text that needs CSV quoting (delimiters, quotes, every line ending) and any Unicode character.
const trickyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', '"', '\n', '\r\n', '\r', ' ', 'x'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
  ),
  maxLength: 12
});
/** Text the validator keeps as it is (trimmed, not empty), as every required string must be. */
const keptText = trickyText.map((text) => text.trim()).filter((text) => text !== '');
const isoInstant = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));

/**
 * Valid lab results. Nullable properties are always present (null or a value): in CSV an empty cell of
 * a nullable property reads back as null, so "absent" and "null" are one thing there.
 */
export const labResultArbitrary: fc.Arbitrary<LabResult> = fc
  .record({
    adcid: fc.integer({ min: 0, max: 2147483647 }),
    ptid: fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 10
    }),
    sample_id: keptText,
    accession_number: fc.maxSafeNat().filter((n) => n >= 1),
    assay: fc.constantFrom(...labResultSchema.properties.assay.enum),
    collected_on: isoInstant.map((instant) => instant.slice(0, 10)),
    measured_at: isoInstant,
    reported_at: fc.option(isoInstant, { nil: null }),
    value: finite,
    unit: fc.option(fc.constantFrom(...labResultSchema.properties.unit.enum), { nil: undefined }),
    lower_limit: fc.option(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), { nil: null }),
    below_detection_limit: fc.boolean(),
    repeat_count: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    comment: fc.option(keptText, { nil: null }),
    instrument: fc.record({
      manufacturer: keptText,
      model: keptText,
      serial: fc.option(trickyText, { nil: null })
    }),
    flags: fc.option(fc.array(trickyText, { maxLength: 3 }), { nil: undefined })
  })
  .map((record) => JSON.parse(JSON.stringify(record)) as LabResult); // drops the absent (undefined) ones

export interface CsvOptions extends WriterCsvOptions {
  columns?: readonly string[];
}

/** Records as CSV (RFC 4180 quoting by csv-stringify), a header row first: the lab-result columns. */
export const labResultsCsv = (records: readonly object[], options: CsvOptions = {}): string =>
  recordsCsv(records, options.columns ?? LAB_RESULT_COLUMNS, options);

export const labResultsNdjson = recordsNdjson;

export const labResultsJsonArray = recordsJsonArray;
