import fc from 'fast-check';

import { decodeContinuationToken, encodeContinuationToken, paginateKeys } from './key-pagination';
import { compareUtf8 } from './object-store';

/** The whole listing in one go, built the plain way: the model the pages must add up to. */
function fullListing(keys: string[], prefix: string, delimiter: string): string[] {
  const entries: string[] = [];
  for (const key of [...keys].sort(compareUtf8)) {
    if (!key.startsWith(prefix)) continue;
    const index = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const entry = index >= 0 ? key.slice(0, index + delimiter.length) : key;
    if (!entries.includes(entry)) entries.push(entry);
  }
  return entries;
}

test('listing completeness: pages of any size, followed by their continuation points, add up to the whole listing once', () => {
  const keyArbitrary = fc.stringMatching(/^[ab/é]{1,5}$/); // S3 keys are never empty;
  fc.assert(
    fc.property(
      fc.uniqueArray(keyArbitrary, { maxLength: 25 }),
      fc.constantFrom('', 'a', 'b/'),
      fc.constantFrom('', '/'),
      fc.integer({ min: 1, max: 6 }),
      (keys, prefix, delimiter, maxKeys) => {
        const sorted = [...keys].sort(compareUtf8);
        const listed: string[] = [];
        let after = '';
        for (let guard = 0; guard < 100; guard++) {
          const page = paginateKeys(sorted, { prefix, delimiter, after, maxKeys });
          expect(page.entries.length).toBeLessThanOrEqual(maxKeys);
          listed.push(...page.entries.map((e) => e.value));
          if (!page.isTruncated) break;
          after = decodeContinuationToken(
            encodeContinuationToken(page.entries[page.entries.length - 1].value)
          )!;
        }
        expect(listed).toEqual(fullListing(keys, prefix, delimiter));
      }
    ),
    { numRuns: 300 }
  );
});

test('a token that is not ours is refused', () => {
  expect(decodeContinuationToken('not base64 json')).toBeUndefined();
  expect(decodeContinuationToken(Buffer.from('{"after":3}').toString('base64'))).toBeUndefined();
});
