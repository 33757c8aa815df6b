import fc from 'fast-check';
import { snappyUncompress } from 'hyparquet';
import { uncompress } from 'snappyjs';
import { SnappyCompressor } from 'snappyjs/snappy_compressor';

import { SnappyBlockEncoder } from './snappy-block-encoder';

const encoder = new SnappyBlockEncoder();

function compressed(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(SnappyBlockEncoder.maxCompressedLength(input.length) + 8);
  const length = encoder.compress(input, out, 3); // at an offset, as into the page arena
  return out.subarray(3, 3 + length);
}

/** hyparquet's decoder (the one this library reads with) and snappyjs's both give `input` back. */
function decodesTo(bytes: Uint8Array, input: Uint8Array): void {
  const byHyparquet = new Uint8Array(input.length);
  snappyUncompress(bytes, byHyparquet);
  expect(Buffer.from(byHyparquet).equals(Buffer.from(input))).toBe(true);
  expect(Buffer.from(uncompress(bytes)).equals(Buffer.from(input))).toBe(true);
}

/** Bytes shaped like column pages: random runs, repeats of earlier bytes (near and far), long runs of one byte. */
const pageLike = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.record({ back: fc.nat(70_000), length: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ byte: fc.nat(255), length: fc.integer({ min: 1, max: 3_000 }) })
    ),
    { maxLength: 400 }
  )
  .map((pieces) => {
    const bytes: number[] = [];
    for (const piece of pieces) {
      if (piece instanceof Uint8Array) bytes.push(...piece);
      else if ('byte' in piece) for (let i = 0; i < piece.length; i++) bytes.push(piece.byte);
      else {
        const from = Math.max(0, bytes.length - 1 - piece.back);
        for (let i = 0; i < piece.length && bytes.length > 0; i++) bytes.push(bytes[from + i]);
      }
    }
    return Uint8Array.from(bytes);
  });

describe('SnappyBlockEncoder', () => {
  test('snappy round trip: any bytes compress within the bound and decode back to themselves', () => {
    fc.assert(
      fc.property(fc.oneof(pageLike, fc.uint8Array({ maxLength: 140_000 })), (input) => {
        const bytes = compressed(input);
        expect(bytes.length).toBeLessThanOrEqual(SnappyBlockEncoder.maxCompressedLength(input.length));
        decodesTo(bytes, input);
      }),
      { numRuns: 300 }
    );
  });

  test('snappy ratio: any page-like input compresses about as small as by the reference compressor', () => {
    // The same algorithm; only the hash differs (32-bit here, rounded doubles there), so a different
    // 4-byte sequence may lose a table slot now and then: within 2 % and a few literal bytes.
    fc.assert(
      fc.property(pageLike, (input) => {
        const reference = new SnappyCompressor(input);
        const size = reference.compressToBuffer(new Uint8Array(reference.maxCompressedLength()));
        expect(compressed(input).length).toBeLessThanOrEqual(Math.ceil(size * 1.02) + 32);
      }),
      { numRuns: 200 }
    );
  });

  test('edges: empty, shorter than the search margin, exactly one block, long runs and far copies', () => {
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['one byte', new Uint8Array([7])],
      ['14 bytes', Uint8Array.from({ length: 14 }, (_, i) => i)],
      ['15 equal bytes', new Uint8Array(15).fill(9)],
      ['one block of a pattern', Uint8Array.from({ length: 1 << 16 }, (_, i) => (i * 7) % 13)],
      ['a run longer than any copy', new Uint8Array(200_000).fill(1)],
      [
        'a pattern repeated 3,000 bytes back (two-byte offsets)',
        Uint8Array.from({ length: 9_000 }, (_, i) => Math.imul(i % 3_000, 0x9e3779b1) >>> 24)
      ]
    ];
    for (const [name, input] of cases) {
      const bytes = compressed(input);
      expect({ name, ok: bytes.length <= SnappyBlockEncoder.maxCompressedLength(input.length) }).toEqual({
        name,
        ok: true
      });
      decodesTo(bytes, input);
    }
    // A long run is almost all copies (a few bytes per 64 input bytes), a far repeat one copy.
    expect(compressed(cases[5][1]).length).toBeLessThan(200_000 / 20);
    expect(compressed(cases[6][1]).length).toBeLessThan(3_000 + 300);
  });
});
