import type { Validator } from '@reporting/schemas';
import { parseJsonFile } from '../json-file';
import { type RecordSchema } from './csv-coercion';
import { parseCsvRecords } from './csv-records';
import { parseJsonArrayRecords } from './json-array-records';
import { decodeUtf8 } from './json-text';
import { parseNdjsonRecords } from './ndjson-records';
import type { ParsedRecords } from './record-failures';

/** How a lambda's files hold their records (README, "Input formats"). */
export const INPUT_FORMATS = ['json', 'json-array', 'ndjson', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export const isInputFormat = (value: unknown): value is InputFormat =>
  (INPUT_FORMATS as readonly unknown[]).includes(value);

/**
 * The records of one file in `format`, each validated, or every reason the file is invalid: a file is
 * atomic, so one invalid record makes the whole file invalid, and the reasons name each invalid
 * record's position (the first {@link MAX_REPORTED_RECORDS}, then a count). `schema` is the records'
 * JSON Schema (e.g. `labResultSchema`); only CSV reads it, to turn cells into typed values.
 * UTF-8 only, a leading byte-order mark tolerated; an empty file (no bytes) is invalid in every format.
 */
export function parseRecords<T>(
  bytes: Uint8Array,
  format: InputFormat,
  validate: Validator<T>,
  schema: RecordSchema
): ParsedRecords<T> {
  if (format === 'json') {
    const parsed = parseJsonFile(bytes, validate);
    return parsed.valid ? { valid: true, records: [parsed.value] } : parsed;
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return { valid: false, reasons: ['file is not valid UTF-8 text'] };
  if (text === '') return { valid: false, reasons: ['file is empty'] };
  switch (format) {
    case 'json-array':
      return parseJsonArrayRecords(text, validate);
    case 'ndjson':
      return parseNdjsonRecords(text, validate);
    case 'csv':
      return parseCsvRecords(text, validate, schema);
    default:
      throw new Error(`unknown input format ${JSON.stringify(format)}`);
  }
}
