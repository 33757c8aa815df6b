import type { Validator } from '@reporting/schemas';
import { checkRecord, parseJson } from './json-text';
import { RecordFailures, type ParsedRecords } from './record-failures';

/**
 * Newline-delimited JSON: one record per line, positions are physical line numbers (`line 7`). Blank
 * (or whitespace-only) lines are skipped, so a trailing newline, CRLF endings and an all-blank file
 * (no records) are fine. A JSON string cannot hold a raw newline, so splitting on `\n` never cuts one.
 */
export function parseNdjsonRecords<T>(text: string, validate: Validator<T>): ParsedRecords<T> {
  const failures = new RecordFailures();
  const records: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const position = `line ${index + 1}`;
    const parsed = parseJson(line); // JSON whitespace includes the \r of a CRLF ending
    if (!parsed.ok) {
      failures.add(position, [`not valid JSON: ${parsed.detail}`]);
      return;
    }
    const checked = checkRecord(parsed.value, validate);
    if (checked.valid) records.push(checked.value);
    else failures.add(position, checked.reasons);
  });
  return failures.outcome(records);
}
