/** hyparquet parsers that decode every timestamp unit to bigint microseconds (lossless, no Date). */
export const MICROSECOND_TIMESTAMP_PARSERS = {
  timestampFromMilliseconds: (millis: bigint): bigint => millis * 1000n,
  timestampFromMicroseconds: (micros: bigint): bigint => micros,
  timestampFromNanoseconds: (nanos: bigint): bigint => nanos / 1000n
};
