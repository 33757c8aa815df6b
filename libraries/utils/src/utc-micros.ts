const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Microseconds since the Unix epoch (UTC) of an ISO 8601 date-time. An offset is applied; a value
 * without an offset is taken as UTC (never as the machine's local time, unlike `Date.parse`).
 * Fractions finer than a microsecond are truncated. Throws on anything that is not such a date-time.
 */
export function toUtcMicros(text: string): bigint {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, fraction = '', , sign, offH = '0', offM = '0'] = m;
  const wholeMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wholeMs)) throw new RangeError(`not an ISO 8601 date-time: ${JSON.stringify(text)}`);
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM)) : 0;
  const micros = BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return (BigInt(wholeMs) - BigInt(offsetMinutes) * 60_000n) * 1000n + micros;
}

/** ISO 8601 UTC text (`…Z`, microsecond precision when needed) of epoch microseconds. */
export function microsToIso(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const rest = micros - ms * 1000n;
  const iso = new Date(Number(ms)).toISOString();
  return rest === 0n ? iso : `${iso.slice(0, -1)}${rest.toString().padStart(3, '0')}Z`;
}
