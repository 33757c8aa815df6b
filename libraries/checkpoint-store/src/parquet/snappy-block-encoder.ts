/* eslint-disable no-bitwise -- a byte format */

/** Offsets of a copy fit in two bytes: a block is at most 64 KiB. */
const BLOCK_BYTES = 1 << 16;
const MIN_HASH_BITS = 8;
const MAX_HASH_BITS = 14;
const HASH_MULTIPLIER = 0x1e35a7bd;
/** Blocks shorter than this are one literal; longer ones stop looking this far from their end. */
const INPUT_MARGIN = 15;
/** Literals at least this long are copied with `set` rather than byte by byte. */
const SET_FROM = 16;

function load32(view: DataView, at: number): number {
  return view.getInt32(at, true);
}

function emitLiteral(input: Uint8Array, from: number, to: number, output: Uint8Array, at: number): number {
  let op = at;
  const n = to - from - 1;
  if (n < 60) output[op++] = n << 2;
  else if (n < 0x100) {
    output[op++] = 60 << 2;
    output[op++] = n;
  } else {
    output[op++] = 61 << 2;
    output[op++] = n & 0xff;
    output[op++] = n >>> 8;
  }
  if (to - from >= SET_FROM) {
    output.set(input.subarray(from, to), op);
    return op + to - from;
  }
  for (let i = from; i < to; i++) output[op++] = input[i];
  return op;
}

function emitCopy(output: Uint8Array, at: number, offset: number, length: number): number {
  let op = at;
  let left = length;
  // Copies of up to 64 bytes; a rest of 65–67 is split 60 + 5–7, so that no piece is under 4.
  while (left >= 68) {
    op = emitShortCopy(output, op, offset, 64);
    left -= 64;
  }
  if (left > 64) {
    op = emitShortCopy(output, op, offset, 60);
    left -= 60;
  }
  return emitShortCopy(output, op, offset, left);
}

function emitShortCopy(output: Uint8Array, at: number, offset: number, length: number): number {
  if (length < 12 && offset < 2048) {
    output[at] = 1 | ((length - 4) << 2) | ((offset >>> 8) << 5);
    output[at + 1] = offset & 0xff;
    return at + 2;
  }
  output[at] = 2 | ((length - 1) << 2);
  output[at + 1] = offset & 0xff;
  output[at + 2] = offset >>> 8;
  return at + 3;
}

/**
 * Snappy's raw block format (the bytes of parquet's SNAPPY codec), compressed the way Snappy's own
 * compressor does it — 64 KiB blocks, a hash table of 4-byte sequences, a lookup step that grows
 * over incompressible input — in 32-bit integer arithmetic throughout (Math.imul hashes, 4-byte
 * compares, literals copied with `set`). Written here because the JavaScript ports we measured spend
 * their time in double arithmetic and byte loops (decision 0080).
 *
 * Format: the uncompressed length as a varint, then elements. A literal: tag `(n - 1) << 2` for up to
 * 60 bytes, else tag 60/61 and the length - 1 in one or two bytes, then the bytes. A copy of 4–11
 * bytes from at most 2047 back: tag `1 | (len - 4) << 2 | (offset >> 8) << 5`, then the offset's low
 * byte. A copy of 1–64 bytes from at most 65535 back: tag `2 | (len - 1) << 2`, then the offset in two
 * bytes, little-endian.
 */
export class SnappyBlockEncoder {
  private readonly _table = new Uint16Array(1 << MAX_HASH_BITS);

  /** Bytes `compress` may write for `length` input bytes (Snappy's bound). */
  static maxCompressedLength(length: number): number {
    return 32 + length + Math.floor(length / 6);
  }

  /**
   * Compresses `input` into `output` (at least maxCompressedLength(input.length) bytes from `at`) and
   * returns the number of bytes written.
   */
  compress(input: Uint8Array, output: Uint8Array, at: number = 0): number {
    let op = at;
    let length = input.length;
    while (length >= 0x80) {
      output[op++] = (length & 0x7f) | 0x80;
      length = Math.floor(length / 128);
    }
    output[op++] = length;
    const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
    for (let start = 0; start < input.length; start += BLOCK_BYTES) {
      op = this._block(input, view, start, Math.min(input.length, start + BLOCK_BYTES), output, op);
    }
    return op - at;
  }

  private _block(
    input: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    output: Uint8Array,
    at: number
  ): number {
    let op = at;
    let nextEmit = start;
    if (end - start >= INPUT_MARGIN) {
      let bits = MIN_HASH_BITS;
      while (bits < MAX_HASH_BITS && 1 << bits < end - start) bits++;
      const shift = 32 - bits;
      const table = this._table;
      table.fill(0, 0, 1 << bits);
      // Loads of 4 bytes stay inside the input up to here.
      const limit = end - INPUT_MARGIN;
      let ip = start + 1;
      let nextHash = Math.imul(load32(view, ip), HASH_MULTIPLIER) >>> shift;
      search: for (;;) {
        // Look for a 4-byte match, stepping further the longer none is found.
        let skip = 32;
        let nextIp = ip;
        let candidate: number;
        do {
          ip = nextIp;
          const hash = nextHash;
          nextIp = ip + (skip++ >>> 5);
          if (nextIp > limit) break search;
          nextHash = Math.imul(load32(view, nextIp), HASH_MULTIPLIER) >>> shift;
          candidate = start + table[hash];
          table[hash] = ip - start;
        } while (load32(view, ip) !== load32(view, candidate));
        op = emitLiteral(input, nextEmit, ip, output, op);
        // Copies, as long as the bytes after one start another match.
        for (;;) {
          let matched = 4;
          while (
            ip + matched + 4 <= end &&
            load32(view, ip + matched) === load32(view, candidate + matched)
          ) {
            matched += 4;
          }
          while (ip + matched < end && input[ip + matched] === input[candidate + matched]) matched++;
          op = emitCopy(output, op, ip - candidate, matched);
          ip += matched;
          nextEmit = ip;
          if (ip >= limit) break search;
          table[Math.imul(load32(view, ip - 1), HASH_MULTIPLIER) >>> shift] = ip - 1 - start;
          const hash = Math.imul(load32(view, ip), HASH_MULTIPLIER) >>> shift;
          candidate = start + table[hash];
          table[hash] = ip - start;
          if (load32(view, ip) !== load32(view, candidate)) break;
        }
        ip++;
        nextHash = Math.imul(load32(view, ip), HASH_MULTIPLIER) >>> shift;
      }
    }
    if (nextEmit < end) op = emitLiteral(input, nextEmit, end, output, op);
    return op;
  }
}
