import type { Validator } from '@reporting/schemas';

import { unpairedSurrogateReasons } from './unpaired-surrogates';

export type ParsedJsonFile<T> = { valid: true; value: T } | { valid: false; reasons: string[] };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns the bytes of one JSON file into a value the validator accepts, or into the reasons it is
 * invalid, in words a data engineer understands. UTF-8 only; a leading byte-order mark is tolerated;
 * text must be well-formed Unicode (no unpaired surrogate escapes).
 */
export function parseJsonFile<T>(bytes: Uint8Array, validate: Validator<T>): ParsedJsonFile<T> {
  let text: string;
  try {
    text = utf8.decode(bytes); // strips a UTF-8 BOM
  } catch {
    return { valid: false, reasons: ['file is not valid UTF-8 text'] };
  }
  if (text.trim() === '') return { valid: false, reasons: ['file is empty'] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message;
    return { valid: false, reasons: [`file is not valid JSON: ${detail}`] };
  }
  try {
    const malformed = unpairedSurrogateReasons(parsed);
    const result = validate(parsed);
    if (result.valid && malformed.length === 0) return { valid: true, value: result.value };
    return { valid: false, reasons: [...malformed, ...(result.valid ? [] : result.errors)] };
  } catch (error) {
    // Only pathological input (e.g. nesting thousands of levels deep) can exhaust the stack here.
    if (error instanceof RangeError) return { valid: false, reasons: ['file content is nested too deeply'] };
    throw error;
  }
}
