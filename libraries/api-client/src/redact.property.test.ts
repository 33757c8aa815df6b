import * as fc from 'fast-check';

import { describeRequest, REDACTED, redact, secretValues } from './redact';

// Real tokens are long: a secret of a few letters could be part of the marker itself.
const token = fc.stringMatching(/^[A-Za-z0-9]{12,64}$/);

test('redaction: no secret survives in a described request or in redacted text', () => {
  fc.assert(
    fc.property(
      token,
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 40 }),
      (secret, before, after) => {
        const form = new URLSearchParams({ token: secret, content: 'record' });
        const secrets = secretValues(form, ['token']);
        const described = describeRequest(new URL('https://redcap.example.org/api/?x=1'), form, secrets);
        expect(described).toBe(`POST https://redcap.example.org/api/ (token=${REDACTED}, content=record)`);
        const text = redact(`${before}${secret}${after}${secret}`, secrets);
        expect(text.includes(secret)).toBe(false);
      }
    ),
    { numRuns: 200 }
  );
});

test('token-like values: any value of 24 or more letters and digits is secret whatever its field', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[A-Za-z0-9]{24,64}$/),
      fc.constantFrom('key', 'apikey', 'auth', 'data'),
      (value, field) => {
        expect(secretValues(new URLSearchParams({ [field]: value }), [])).toEqual([value]);
      }
    ),
    { numRuns: 100 }
  );
});
