/**
 * hyparquet parsers that decode into the engine's values (TableRow): every timestamp unit to
 * bigint microseconds (lossless, no Date), DATE to its day number.
 */
export const CHECKPOINT_PARSERS = {
  timestampFromMilliseconds: (millis: bigint): bigint => millis * 1000n,
  timestampFromMicroseconds: (micros: bigint): bigint => micros,
  timestampFromNanoseconds: (nanos: bigint): bigint => nanos / 1000n,
  dateFromDays: (days: number): number => days
};
