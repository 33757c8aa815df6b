// GetObject conditional headers, as the GetObject API reference and RFC 9110 §13.2.2 order them.
import { etagListMatches, evaluateReadPreconditions } from './read-preconditions';

const object = { etag: '"abc"', lastModified: new Date('2024-05-01T12:00:00.500Z') };
const before = 'Wed, 01 May 2024 11:00:00 GMT';
const same = 'Wed, 01 May 2024 12:00:00 GMT';
const after = 'Wed, 01 May 2024 13:00:00 GMT';

test.each([
  [{}, 'proceed'],
  [{ ifMatch: '"abc"' }, 'proceed'],
  [{ ifMatch: '"other"' }, 'precondition-failed'],
  [{ ifMatch: '*' }, 'proceed'],
  [{ ifUnmodifiedSince: before }, 'precondition-failed'],
  [{ ifUnmodifiedSince: same }, 'proceed'],
  [{ ifMatch: '"abc"', ifUnmodifiedSince: before }, 'proceed'],
  [{ ifNoneMatch: '"abc"' }, 'not-modified'],
  [{ ifNoneMatch: '"other"' }, 'proceed'],
  [{ ifModifiedSince: same }, 'not-modified'],
  [{ ifModifiedSince: before }, 'proceed'],
  [{ ifModifiedSince: after }, 'not-modified'],
  [{ ifNoneMatch: '"abc"', ifModifiedSince: before }, 'not-modified'],
  [{ ifNoneMatch: '"other"', ifModifiedSince: after }, 'proceed'],
  [{ ifModifiedSince: 'not a date' }, 'proceed']
])('%j → %s', (headers, outcome) => {
  expect(evaluateReadPreconditions(headers, object)).toBe(outcome);
});

test('ETag lists ignore quotes and weak prefixes', () => {
  expect(etagListMatches('W/"x", "abc"', '"abc"')).toBe(true);
  expect(etagListMatches('abc', '"abc"')).toBe(true);
  expect(etagListMatches('"x","y"', '"abc"')).toBe(false);
});
