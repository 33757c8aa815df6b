import fc from 'fast-check';
import { createRandom, shuffleInPlace } from './seeded-random';

describe('seeded random', () => {
  it('reproducibility: the same seed gives the same sequence, in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createRandom(seed);
        const b = createRandom(seed);
        for (let i = 0; i < 20; i++) {
          const value = a();
          expect(value).toBe(b());
          expect(value >= 0 && value < 1).toBe(true);
        }
      }),
      { numRuns: 100 }
    );
  });

  it('shuffle is a permutation: same items, same counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), fc.integer(), (items, seed) => {
        const shuffled = shuffleInPlace([...items], createRandom(seed));
        expect([...shuffled].sort()).toEqual([...items].sort());
      }),
      { numRuns: 100 }
    );
  });
});
