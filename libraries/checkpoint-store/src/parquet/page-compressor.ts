import { SnappyBlockEncoder } from './snappy-block-encoder';

const ARENA_BYTES = 4 << 20;
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
  /** Compressed pages are written one after another into an arena and handed out as views of it. */
  private arena = new Uint8Array(ARENA_BYTES);
  private arenaUsed = 0;
  private readonly encoder = new SnappyBlockEncoder();

  private snappy(bytes: Uint8Array): Uint8Array {
    const worst = SnappyBlockEncoder.maxCompressedLength(bytes.length);
    if (this.arenaUsed + worst > this.arena.length) {
      // A new arena: the views handed out keep the old one alive, and it is never written again.
      this.arena = new Uint8Array(Math.max(ARENA_BYTES, worst));
      this.arenaUsed = 0;
    }
    const start = this.arenaUsed;
    const length = this.encoder.compress(bytes, this.arena, start);
    this.arenaUsed = start + length;
    return this.arena.subarray(start, start + length);
  }

  /** The compressed page, or undefined to store `bytes` as they are. */
  compress(column: string, bytes: Uint8Array): Uint8Array | undefined {
    if ((this.resting.get(column) ?? 0) > 0) return undefined;
    const compressed = this.snappy(bytes);
    if (compressed.length > bytes.length * WORTHWHILE) this.resting.set(column, PROBE_EVERY);
    if (compressed.length < bytes.length) return compressed;
    this.arenaUsed -= compressed.length; // not kept: its room in the arena is free again
    return undefined;
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
