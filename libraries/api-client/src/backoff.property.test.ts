import * as fc from 'fast-check';

import { backoffDelay, type RetryPolicy } from './backoff';

const policy = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  baseDelayMs: fc.integer({ min: 1, max: 5_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
  maxElapsedMs: fc.integer({ min: 1, max: 600_000 })
});

test('full jitter: every wait is a whole number in [0, min(maxDelay, base * 2^(retry-1)))', () => {
  fc.assert(
    fc.property(
      policy,
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (p: RetryPolicy, retry, r) => {
        const delay = backoffDelay(retry, p, () => r);
        const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (retry - 1));
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.max(cap, 1));
      }
    ),
    { numRuns: 200 }
  );
});

test('full jitter: the cap doubles per retry until maxDelay, so the top draw never shrinks', () => {
  fc.assert(
    fc.property(policy, fc.integer({ min: 1, max: 30 }), (p: RetryPolicy, retry) => {
      const top = (n: number): number => backoffDelay(n, p, () => 0.999999);
      expect(top(retry + 1)).toBeGreaterThanOrEqual(top(retry));
    }),
    { numRuns: 200 }
  );
});
