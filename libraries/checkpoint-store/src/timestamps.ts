import type { VisitEvent } from '@reporting/schemas';

import type { CheckpointRow } from './checkpoint-schema';

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Microseconds since the epoch for an ISO 8601 date-time; with an offset it is converted to
 * UTC, without one it is taken as UTC (the event-log contract). Digits beyond microseconds are
 * truncated. Throws RangeError for anything else.
 */
export function timestampMicrosFromIso(text: string): bigint {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (match === null) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(text)}`);
  const [, year, month, day, hour, minute, second = '0', fraction = '', , sign, offsetHours, offsetMinutes] =
    match;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const check = new Date(0);
  check.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  check.setUTCHours(Number(hour), Number(minute), Number(second));
  const millis = check.getTime();
  if (
    Number.isNaN(millis) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    Number(second) > 59
  ) {
    throw new RangeError(`not a real date-time: ${JSON.stringify(text)}`);
  }
  let micros = BigInt(millis) * 1000n + BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  if (sign !== undefined) {
    const offset = BigInt(Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000_000n;
    micros += sign === '+' ? -offset : offset;
  }
  return micros;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` for microseconds since the epoch. */
export function isoFromTimestampMicros(micros: bigint): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const subMillis = micros - millis * 1000n;
  const iso = new Date(Number(millis)).toISOString(); // …SS.mmmZ
  return `${iso.slice(0, -1)}${subMillis.toString().padStart(3, '0')}Z`;
}

/** The checkpoint row of a validated visit event (study defaults to `adrc`, absent optionals become null). */
export function checkpointRowFromEvent(event: VisitEvent): CheckpointRow {
  return {
    action: event.action,
    study: event.study ?? 'adrc',
    pipeline_adcid: event.pipeline_adcid,
    project_label: event.project_label,
    center_label: event.center_label,
    gear_name: event.gear_name,
    ptid: event.ptid,
    visit_date: event.visit_date,
    visit_number: event.visit_number ?? null,
    datatype: event.datatype,
    module: event.module ?? null,
    packet: event.packet ?? null,
    timestamp: timestampMicrosFromIso(event.timestamp)
  };
}
