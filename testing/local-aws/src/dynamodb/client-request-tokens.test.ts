import { CLIENT_REQUEST_TOKEN_WINDOW_MS, ClientRequestTokens } from './client-request-tokens';

test('a token is a replay with the same request and a mismatch with another, for ten minutes', () => {
  let now = 0;
  const tokens = new ClientRequestTokens(() => now);
  expect(tokens.check('t', 'request-a')).toBe('new');
  tokens.remember('t', 'request-a');
  expect(tokens.check('t', 'request-a')).toBe('replay');
  expect(tokens.check('t', 'request-b')).toBe('mismatch');
  now = CLIENT_REQUEST_TOKEN_WINDOW_MS - 1;
  expect(tokens.check('t', 'request-a')).toBe('replay');
  now = CLIENT_REQUEST_TOKEN_WINDOW_MS;
  expect(tokens.check('t', 'request-b')).toBe('new');
});

test('expired tokens are forgotten while newer ones are kept', () => {
  let now = 0;
  const tokens = new ClientRequestTokens(() => now);
  tokens.remember('old', 'a');
  now = 1000;
  tokens.remember('new', 'b');
  now = CLIENT_REQUEST_TOKEN_WINDOW_MS + 1;
  expect(tokens.check('old', 'a')).toBe('new');
  expect(tokens.check('new', 'b')).toBe('replay');
});
