import { parseJsonFile } from '@reporting/object-processing';
import { validateVisitEvent, type VisitEvent } from '@reporting/schemas';

export type ParsedEventFile = { valid: true; event: VisitEvent } | { valid: false; reasons: string[] };

/** The bytes of one event-log file as a validated visit event, or the reasons it is invalid. */
export function parseEventFile(bytes: Uint8Array): ParsedEventFile {
  const parsed = parseJsonFile(bytes, validateVisitEvent);
  return parsed.valid ? { valid: true, event: parsed.value } : parsed;
}
