import type { MemorySample } from './memory-sample';

/** How the warm handler's heap (after GC) developed over a soak run. */
export interface HeapTrend {
  samples: number;
  /** Median heap of the first third of the samples after warm-up. */
  baselineBytes: number;
  /** Median heap of the last third. */
  finalBytes: number;
  maxBytes: number;
  growthBytes: number;
  /** Least-squares slope over the samples after warm-up. */
  slopeBytesPerMinute: number;
  /** The same slope per 1,000 invocations. */
  slopeBytesPerThousandInvocations: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((a, [x]) => a + x, 0) / n;
  const meanY = points.reduce((a, [, y]) => a + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * The heap trend of samples taken after `warmUpMs` (cold start, first JIT and connection pools
 * are not a leak). Needs at least three samples after warm-up.
 */
export function heapTrend(samples: readonly MemorySample[], warmUpMs: number): HeapTrend {
  const kept = samples.filter((s) => s.atMs >= warmUpMs);
  if (kept.length < 3) throw new Error(`${kept.length} memory samples after warm-up: need at least 3`);
  const third = Math.max(1, Math.floor(kept.length / 3));
  const heap = kept.map((s) => s.heapUsed);
  const baselineBytes = median(heap.slice(0, third));
  const finalBytes = median(heap.slice(-third));
  return {
    samples: kept.length,
    baselineBytes,
    finalBytes,
    maxBytes: Math.max(...heap),
    growthBytes: finalBytes - baselineBytes,
    slopeBytesPerMinute: slope(kept.map((s) => [s.atMs / 60_000, s.heapUsed])),
    slopeBytesPerThousandInvocations: slope(kept.map((s) => [s.invocations / 1000, s.heapUsed]))
  };
}
