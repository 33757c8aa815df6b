import type { Validator } from '@reporting/schemas';
import { checkRecord, parseJson } from './json-text';
import { RecordFailures, type ParsedRecords } from './record-failures';

/** A JSON file holding one top-level array of records; positions are `record 3 (index 2)`. */
export function parseJsonArrayRecords<T>(text: string, validate: Validator<T>): ParsedRecords<T> {
  if (text.trim() === '') return { valid: false, reasons: ['file is empty'] };
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, reasons: [`file is not valid JSON: ${parsed.detail}`] };
  if (!Array.isArray(parsed.value)) {
    const found = parsed.value === null ? 'null' : typeof parsed.value;
    return {
      valid: false,
      reasons: [`file must hold a JSON array of records (format json-array), found ${found}`]
    };
  }
  const failures = new RecordFailures();
  const records: T[] = [];
  parsed.value.forEach((item: unknown, index) => {
    const checked = checkRecord(item, validate);
    if (checked.valid) records.push(checked.value);
    else failures.add(`record ${index + 1} (index ${index})`, checked.reasons);
  });
  return failures.outcome(records);
}
