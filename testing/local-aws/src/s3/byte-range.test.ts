// Single byte ranges as RFC 9110 §14.1.2 defines them and S3 applies them (no multi-range).
import fc from 'fast-check';

import { resolveByteRange } from './byte-range';

test.each([
  ['bytes=0-4', 10, { start: 0, end: 4 }],
  ['bytes=5-', 10, { start: 5, end: 9 }],
  ['bytes=-3', 10, { start: 7, end: 9 }],
  ['bytes=-30', 10, { start: 0, end: 9 }],
  ['bytes=8-30', 10, { start: 8, end: 9 }],
  ['bytes=10-12', 10, 'unsatisfiable'],
  ['bytes=-0', 10, 'unsatisfiable'],
  ['bytes=0-', 0, 'unsatisfiable'],
  ['bytes=5-2', 10, 'ignore'],
  ['bytes=0-1,3-4', 10, 'ignore'],
  ['items=0-1', 10, 'ignore'],
  [undefined, 10, 'ignore']
] as const)('%s of a %d-byte object → %j', (header, size, expected) => {
  expect(resolveByteRange(header, size)).toEqual(expected);
});

test('range resolution: a resolved range always lies inside the object and is what the header asks for', () => {
  fc.assert(
    fc.property(fc.nat(1000), fc.nat(1200), fc.option(fc.nat(1200)), (size, first, last) => {
      const header = last === null ? `bytes=${first}-` : `bytes=${first}-${last}`;
      const range = resolveByteRange(header, size);
      if (typeof range === 'string') {
        expect(range === 'unsatisfiable' ? first >= size : last !== null && last < first).toBe(true);
      } else {
        expect(range.start).toBe(first);
        expect(range.end).toBe(Math.min(last ?? size - 1, size - 1));
      }
    }),
    { numRuns: 300 }
  );
});
