// Shared by every input format: bytes → text, text → JSON value, JSON value → validated record. Each
// turns a failure into a reason a data engineer understands, instead of an exception.
import type { Validator } from '@reporting/schemas';
import { unpairedSurrogateReasons } from '../unpaired-surrogates';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The file's text (a leading UTF-8 byte-order mark removed), or undefined when it is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; detail: string };

/** `JSON.parse` with the failure described (`Unexpected token …`, or nesting too deep). */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      detail: error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message
    };
  }
}

export type CheckedRecord<T> = { valid: true; value: T } | { valid: false; reasons: string[] };

/**
 * A parsed value checked by the schema's validator and for unpaired surrogates (which a parquet
 * writer would silently replace), every violation listed.
 */
export function checkRecord<T>(
  parsed: unknown,
  validate: Validator<T>,
  subject = 'record content'
): CheckedRecord<T> {
  try {
    const malformed = unpairedSurrogateReasons(parsed);
    const result = validate(parsed);
    if (result.valid && malformed.length === 0) return { valid: true, value: result.value };
    return { valid: false, reasons: [...malformed, ...(result.valid ? [] : result.errors)] };
  } catch (error) {
    // Only pathological input (e.g. nesting thousands of levels deep) can exhaust the stack here.
    if (error instanceof RangeError) return { valid: false, reasons: [`${subject} is nested too deeply`] };
    throw error;
  }
}
