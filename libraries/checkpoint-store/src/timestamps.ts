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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLIS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (parquet DATE) of a `YYYY-MM-DD` calendar date. Throws RangeError for anything else. */
export function daysFromIsoDate(text: string): number {
  const match = ISO_DATE.exec(text);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  const [, year, month, day] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    throw new RangeError(`not a real date: ${JSON.stringify(text)}`);
  }
  return Math.round(date.getTime() / MILLIS_PER_DAY);
}

/** `YYYY-MM-DD` of a parquet DATE (days since 1970-01-01). */
export function isoDateFromDays(days: number): string {
  const date = new Date(days * MILLIS_PER_DAY);
  const year = date.getUTCFullYear();
  const text =
    year < 0
      ? `-${String(-year).padStart(6, '0')}`
      : year > 9999
        ? `+${year}`
        : String(year).padStart(4, '0');
  return `${text}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}
