import { timestampMicrosFromIso } from '@reporting/checkpoint-store';
import { parseJsonFile } from '@reporting/lambda-runtime';
import { validateVisitEvent, type Validator, type VisitEvent } from '@reporting/schemas';

export type ParsedEventFile = { valid: true; event: VisitEvent } | { valid: false; reasons: string[] };

/** The visit-event schema, plus: the event's timestamp can be stored as a UTC instant. */
export const validateStorableVisitEvent: Validator<VisitEvent> = (input) => {
  const result = validateVisitEvent(input);
  if (!result.valid) return result;
  const problem = unstorableTimestamp(result.value.timestamp);
  return problem === undefined ? result : { valid: false, errors: [problem] };
};

/** The bytes of one event-log file as a validated visit event, or the reasons it is invalid. */
export function parseEventFile(bytes: Uint8Array): ParsedEventFile {
  const parsed = parseJsonFile(bytes, validateStorableVisitEvent);
  return parsed.valid ? { valid: true, event: parsed.value } : parsed;
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
