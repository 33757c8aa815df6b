import type { SoakResult } from '../soak/soak-run';

const empty = { missing: [], duplicated: [], unexpected: [], altered: [], misrouted: [] };

/** A soak result with a flat heap and every event once (for report and invariant tests). */
export const SOAK_FIXTURE: SoakResult = {
  options: {
    durationMs: 60_000,
    filesPerSecond: 10,
    badEvery: 20,
    faultRate: 0.1,
    sampleEveryMs: 2000,
    warmUpMs: 6000,
    seed: 1,
    drainTimeoutMs: 1000
  },
  filesUploaded: 600,
  invocations: 70,
  faultsInjected: 90,
  deadLetters: 0,
  exactlyOnce: { expectedRows: 570, rows: 570, checkpoints: 12, ...empty },
  quarantine: {
    invalidFiles: 30,
    records: 30,
    missing: [],
    repeated: [],
    unspecific: [],
    unexpected: [],
    byKind: {}
  },
  samples: [1, 2, 3].map((i) => ({
    atMs: i * 10_000,
    invocations: i * 20,
    heapUsed: 20 * 1024 * 1024,
    heapTotal: 0,
    rss: 80 * 1024 * 1024,
    external: 0
  })),
  trend: {
    samples: 3,
    baselineBytes: 20 * 1024 * 1024,
    finalBytes: 20 * 1024 * 1024,
    maxBytes: 20 * 1024 * 1024,
    growthBytes: 0,
    slopeBytesPerMinute: 0,
    slopeBytesPerThousandInvocations: 0
  },
  durationMs: 65_000
};
