import type { Validator } from '@reporting/schemas';

import { checkRecord, decodeUtf8, parseJson } from './input/json-text';

export type ParsedJsonFile<T> = { valid: true; value: T } | { valid: false; reasons: string[] };

/**
 * Turns the bytes of one JSON file into a value the validator accepts, or into the reasons it is
 * invalid, in words a data engineer understands. UTF-8 only; a leading byte-order mark is tolerated;
 * text must be well-formed Unicode (no unpaired surrogate escapes).
 */
export function parseJsonFile<T>(bytes: Uint8Array, validate: Validator<T>): ParsedJsonFile<T> {
  const text = decodeUtf8(bytes);
  if (text === undefined) return { valid: false, reasons: ['file is not valid UTF-8 text'] };
  if (text.trim() === '') return { valid: false, reasons: ['file is empty'] };
  const parsed = parseJson(text);
  if (!parsed.ok) return { valid: false, reasons: [`file is not valid JSON: ${parsed.detail}`] };
  return checkRecord(parsed.value, validate, 'file content');
}
