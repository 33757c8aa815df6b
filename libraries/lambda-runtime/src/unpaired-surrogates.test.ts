import fc from 'fast-check';
import { unpairedSurrogateReasons } from './unpaired-surrogates';

// Any UTF-16 code unit, surrogates half of the time, so that lone ones, pairs and reversed pairs all occur.
const codeUnitText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff }))
    .map((unit) => String.fromCharCode(unit)),
  maxLength: 12
});

describe('unpairedSurrogateReasons', () => {
  it('rule: a string is reported exactly when it holds a surrogate outside a pair (Unicode \\p{Cs}), naming the first', () => {
    fc.assert(
      fc.property(codeUnitText, (text) => {
        const lone = /\p{Cs}/u.exec(text)?.[0];
        const reasons = unpairedSurrogateReasons({ field: text });
        if (lone === undefined) return reasons.length === 0;
        const unit = `\\u${lone.charCodeAt(0).toString(16)}`;
        return (
          reasons.length === 1 &&
          reasons[0].startsWith(`field: text contains an unpaired UTF-16 surrogate (${unit})`)
        );
      }),
      { numRuns: 500 }
    );
  });

  it('checks keys and nested values, and names the whole file for a bare string', () => {
    expect(unpairedSurrogateReasons({ a: [{ ['k\udc00']: 'v' }] })).toEqual([
      'a.0.k\udc00: the field name contains an unpaired UTF-16 surrogate (\\udc00), which is not a Unicode character and cannot be stored'
    ]);
    expect(unpairedSurrogateReasons('\ud800')[0]).toMatch(/^\(file\): text contains/);
    expect(unpairedSurrogateReasons({ ok: 'a\ud83d\ude00', n: 1, nothing: null })).toEqual([]);
  });
});
