import fc from 'fast-check';
import { decodeS3EventKey } from './s3-key';

/** How S3 writes a key into an event notification (documented: "red flower.jpg" → "red+flower.jpg"). */
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
