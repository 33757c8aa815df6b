// ignoreBOM: keep a leading U+FEFF in a value. The default decoder drops it, which silently changed a
// string starting with one on every rewrite (found by the checkpoint invariants property test).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * hyparquet parsers that decode into the engine's values (TableRow): every timestamp unit to
 * bigint microseconds (lossless, no Date), DATE to its day number, strings exactly as written.
 */
export const CHECKPOINT_PARSERS = {
  timestampFromMilliseconds: (millis: bigint): bigint => millis * 1000n,
  timestampFromMicroseconds: (micros: bigint): bigint => micros,
  timestampFromNanoseconds: (nanos: bigint): bigint => nanos / 1000n,
  dateFromDays: (days: number): number => days,
  stringFromBytes: (bytes: Uint8Array | undefined): string | undefined => bytes && utf8.decode(bytes),
  jsonFromBytes: (bytes: Uint8Array | undefined): unknown => bytes && JSON.parse(utf8.decode(bytes))
};
