import fc from 'fast-check';
import { heapTrend } from './heap-trend';
import type { MemorySample } from './memory-sample';

const sample = (atMs: number, heapUsed: number, invocations = atMs / 100): MemorySample => ({
  atMs,
  invocations,
  heapUsed,
  heapTotal: heapUsed,
  rss: heapUsed,
  external: 0
});

describe('heap trend', () => {
  it('flat heap: a flat heap has zero growth and zero slope, whatever its level and noise-free length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e6, max: 1e9 }), fc.integer({ min: 3, max: 50 }), (level, n) => {
        const trend = heapTrend(
          Array.from({ length: n }, (_, i) => sample(1000 * (i + 1), level)),
          0
        );
        return (
          trend.growthBytes === 0 && Math.abs(trend.slopeBytesPerMinute) < 1e-6 && trend.maxBytes === level
        );
      }),
      { numRuns: 100 }
    );
  });

  it('linear growth: a heap growing by a constant amount per minute has that slope', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 3, max: 40 }), (perMinute, n) => {
        const samples = Array.from({ length: n }, (_, i) => sample(60_000 * i, 5e7 + perMinute * i));
        const trend = heapTrend(samples, 0);
        return (
          Math.abs(trend.slopeBytesPerMinute - perMinute) < 1e-6 * perMinute + 1e-6 && trend.growthBytes > 0
        );
      }),
      { numRuns: 100 }
    );
  });

  it('ignores the warm-up and needs three samples after it', () => {
    const samples = [sample(0, 9e9), sample(5000, 1e6), sample(6000, 1e6), sample(7000, 1e6)];
    expect(heapTrend(samples, 5000).maxBytes).toBe(1e6);
    expect(() => heapTrend(samples, 6000)).toThrow(/need at least 3/);
  });
});
