// snappyjs ships no types; what is used here.
declare module 'snappyjs/snappy_compressor' {
  export class SnappyCompressor {
    constructor(uncompressed: Uint8Array);
    maxCompressedLength(): number;
    /** Compresses into `out` (at least maxCompressedLength() long); returns the bytes written. */
    compressToBuffer(out: Uint8Array): number;
  }
}
