import * as fc from 'fast-check';

import { AppliedSources } from './applied-sources';
import { sourceFingerprint } from './source';

const source = fc.record({ key: fc.string(), version: fc.string() });

describe('AppliedSources', () => {
  test('bounded source record: remembers exactly the most recent `capacity` distinct sources, through an encode/decode round trip', () => {
    fc.assert(
      fc.property(
        fc.array(source, { maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (sources, capacity) => {
          const record = new AppliedSources([], capacity);
          for (const s of sources) record.add(s);
          const decoded = AppliedSources.decode(record.encode(), capacity);
          const distinctRecent: string[] = [];
          for (const s of sources) {
            const fingerprint = sourceFingerprint(s);
            if (!distinctRecent.includes(fingerprint)) distinctRecent.push(fingerprint);
          }
          // adding an already-recorded source does not refresh it, so order is first-seen among survivors
          expect(decoded.size).toBeLessThanOrEqual(capacity);
          expect(decoded.fingerprints).toEqual(record.fingerprints);
          for (const s of sources) {
            if (decoded.fingerprints.includes(sourceFingerprint(s))) expect(decoded.has(s)).toBe(true);
          }
          if (distinctRecent.length <= capacity) expect(decoded.size).toBe(distinctRecent.length);
        }
      ),
      { numRuns: 200 }
    );
  });

  test('key and version are both part of the identity, unambiguously', () => {
    expect(sourceFingerprint({ key: 'a', version: 'bc' })).not.toBe(
      sourceFingerprint({ key: 'ab', version: 'c' })
    );
    expect(sourceFingerprint({ key: 'a', version: '1' })).not.toBe(
      sourceFingerprint({ key: 'a', version: '2' })
    );
    expect(sourceFingerprint({ key: 'a', version: '1' })).toMatch(/^[0-9a-f]{16}$/);
  });

  test('4096 sources fit in 44 KiB of footer text', () => {
    const record = new AppliedSources();
    for (let i = 0; i < 5000; i++) record.add({ key: `k${i}`, version: 'v' });
    expect(record.size).toBe(4096);
    expect(record.encode().length).toBeLessThanOrEqual(44 * 1024);
    expect(record.has({ key: 'k0', version: 'v' })).toBe(false);
    expect(record.has({ key: 'k4999', version: 'v' })).toBe(true);
  });

  test('a damaged record is rejected, an absent one is empty', () => {
    expect(() => AppliedSources.decode('AAAA')).toThrow(/not a multiple of 8/);
    expect(AppliedSources.decode(undefined).size).toBe(0);
  });
});
