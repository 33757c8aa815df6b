// snappyjs ships no types; what the tests use of it (the reference our SNAPPY encoder is held to).
declare module 'snappyjs/snappy_compressor' {
  export class SnappyCompressor {
    constructor(uncompressed: Uint8Array);
    maxCompressedLength(): number;
    /** Compresses into `out` (at least maxCompressedLength() long); returns the bytes written. */
    compressToBuffer(out: Uint8Array): number;
  }
}
declare module 'snappyjs' {
  export function uncompress(compressed: Uint8Array): Uint8Array;
}
