import { validateVisitEvent, type VisitEvent } from '@reporting/schemas';

export type ParsedEventFile = { valid: true; event: VisitEvent } | { valid: false; reasons: string[] };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns the bytes of one event-log file into a validated event, or into the reasons it is invalid,
 * in words a data engineer understands. UTF-8 only; a leading byte-order mark is tolerated.
 */
export function parseEventFile(bytes: Uint8Array): ParsedEventFile {
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
    const result = validateVisitEvent(parsed);
    return result.valid ? { valid: true, event: result.value } : { valid: false, reasons: result.errors };
  } catch (error) {
    // Only pathological input (e.g. nesting thousands of levels deep) can exhaust the stack here.
    if (error instanceof RangeError) return { valid: false, reasons: ['file content is nested too deeply'] };
    throw error;
  }
}
