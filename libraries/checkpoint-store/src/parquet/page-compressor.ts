// The compressor itself (snappyjs's `compress` zero-fills a worst-case buffer per call): compressing
// into one reused buffer and copying out the result measured ~0.3 s less per 100,000 × 200 export.
import { SnappyCompressor } from 'snappyjs/snappy_compressor';

/** A page SNAPPY does not shrink by this share is stored uncompressed. */
const WORTHWHILE = 0.9;
/** Row groups a column whose pages did not shrink is stored uncompressed before it is tried again. */
export const PROBE_EVERY = 8;

/**
 * SNAPPY for the pages it shrinks. A column whose page it does not shrink (random doubles, dates,
 * timestamps: 0.99–1.00 of their size) is stored uncompressed for the next PROBE_EVERY row groups
 * and then tried again, so most of its pages cost no compression at all (decision 0079).
 */
export class PageCompressor {
  /** Column → row groups still to store uncompressed. */
  private readonly resting = new Map<string, number>();
  private scratch = new Uint8Array(1 << 16);

  private snappy(bytes: Uint8Array): Uint8Array {
    const compressor = new SnappyCompressor(bytes);
    const worst = compressor.maxCompressedLength();
    if (worst > this.scratch.length) this.scratch = new Uint8Array(Math.ceil(worst * 1.25));
    const length = compressor.compressToBuffer(this.scratch);
    return this.scratch.slice(0, length);
  }

  /** The compressed page, or undefined to store `bytes` as they are. */
  compress(column: string, bytes: Uint8Array): Uint8Array | undefined {
    if ((this.resting.get(column) ?? 0) > 0) return undefined;
    const compressed = this.snappy(bytes);
    if (compressed.length > bytes.length * WORTHWHILE) this.resting.set(column, PROBE_EVERY);
    return compressed.length < bytes.length ? compressed : undefined;
  }

  /** Dictionary pages are always compressed (their header has no flag to say otherwise). */
  compressAlways(bytes: Uint8Array): Uint8Array {
    return this.snappy(bytes);
  }

  /** A row group is written: resting columns come one closer to their next try. */
  endRowGroup(): void {
    for (const [column, left] of this.resting) {
      if (left <= 1) this.resting.delete(column);
      else this.resting.set(column, left - 1);
    }
  }
}
