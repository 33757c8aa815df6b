import { timestampMicrosFromIso } from '@reporting/checkpoint-store';
import { parseJsonFile } from '@reporting/object-processing';
import { validateVisitEvent, type VisitEvent } from '@reporting/schemas';

export type ParsedEventFile = { valid: true; event: VisitEvent } | { valid: false; reasons: string[] };

/** The bytes of one event-log file as a validated visit event, or the reasons it is invalid. */
export function parseEventFile(bytes: Uint8Array): ParsedEventFile {
  const parsed = parseJsonFile(bytes, validateVisitEvent);
  if (!parsed.valid) return parsed;
  const problem = unstorableTimestamp(parsed.value.timestamp);
  return problem === undefined ? { valid: true, event: parsed.value } : { valid: false, reasons: [problem] };
}

/**
 * The schema's `iso-date-time` follows RFC 3339, which allows a leap second (`23:59:60`); the checkpoint
 * stores UTC microseconds since the epoch, which has no such instant. Checked here, with the field
 * named like every schema rule, so validation and conversion agree on what a valid event is.
 */
function unstorableTimestamp(timestamp: string): string | undefined {
  try {
    timestampMicrosFromIso(timestamp);
    return undefined;
  } catch (error) {
    const leap = /[T t]\d{2}:\d{2}:60/.test(timestamp);
    return leap
      ? `timestamp: ${JSON.stringify(timestamp)} is a leap second (second 60), which a UTC timestamp cannot hold`
      : `timestamp: ${JSON.stringify(timestamp)} cannot be stored as a UTC timestamp (${(error as Error).message})`;
  }
}
