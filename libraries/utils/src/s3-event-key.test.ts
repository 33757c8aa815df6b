// fast-check's 'binary' unit draws any code point (no lone surrogates), as an S3 key (UTF-8) allows.
import fc from 'fast-check';

import { decodeS3EventKey, encodeS3EventKey } from './s3-event-key';

test('key round trip: decoding an encoded key gives the key back (for any Unicode key)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (key) => {
      expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
    }),
    { numRuns: 300 }
  );
});

test('encoded alphabet: an encoded key holds only unreserved characters, "/", "+" and %XX escapes', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (key) => {
      expect(encodeS3EventKey(key)).toMatch(/^(?:[A-Za-z0-9\-_.*/+]|%[0-9A-F]{2})*$/);
    }),
    { numRuns: 300 }
  );
});

test.each([
  ['a b', 'a+b'],
  ['a+b', 'a%2Bb'],
  ['100%', '100%25'],
  ['dir/file=1&x:y', 'dir/file%3D1%26x%3Ay'],
  ['é', '%C3%A9']
])('%s is encoded as %s', (key, encoded) => {
  expect(encodeS3EventKey(key)).toBe(encoded);
});

/** How S3's documentation describes the encoding ("red flower.jpg" → "red+flower.jpg"). */
const encodeLikeS3 = (key: string): string =>
  encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');

describe('decodeS3EventKey', () => {
  it.each([
    ['prod/red+flower.json', 'prod/red flower.json'],
    ['prod/a%2Bb.json', 'prod/a+b.json'],
    ['prod/100%25.json', 'prod/100%.json'],
    ['prod/caf%C3%A9+%E2%9C%93.json', 'prod/café ✓.json'],
    ['dt%3D2024-01-15/x.json', 'dt=2024-01-15/x.json']
  ])('%s → %s', (encoded, key) => {
    expect(decodeS3EventKey(encoded)).toBe(key);
  });

  it('key round trip: any key S3 encodes into a notification decodes back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (key) => {
        expect(decodeS3EventKey(encodeLikeS3(key))).toBe(key);
      }),
      { numRuns: 300 }
    );
  });
});
