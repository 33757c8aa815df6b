import type { DuplicatesOptions } from './scenarios/r1-duplicates';
import type { ConcurrencyOptions } from './scenarios/r2-concurrency';
import type { FaultsOptions } from './scenarios/r3-faults';
import type { BadInputOptions } from './scenarios/r4-bad-input';
import type { OrderOptions } from './scenarios/r5-order';

/** Parameters of every scenario: the small version runs in `rush test`, the full one in run-full. */
export interface SuiteSizes {
  r1: DuplicatesOptions;
  r2: ConcurrencyOptions;
  r3: FaultsOptions;
  r4: BadInputOptions;
  r5: OrderOptions;
}

// A crash fails the whole batch (10 messages) and each message has 5 receives: the crash rates must
// leave the retry budget to the faults, or injected crashes alone exhaust it.
const R3_CRASHES: FaultsOptions['crashes'] = {
  afterRead: { fraction: 0.03, mode: 'both' },
  afterCommit: { fraction: 0.03, mode: 'hang' },
  multipart: {
    UploadPartCopy: { every: 7, timing: 'before' },
    CompleteMultipartUpload: { every: 5, timing: 'alternate' }
  }
};

export const SMALL: SuiteSizes = {
  r1: {
    validFiles: 60,
    sandboxFiles: 5,
    invalidFiles: 10,
    identicalCopies: 5,
    deliveries: 3,
    concurrency: 4,
    seed: 1,
    drainTimeoutMs: 120_000
  },
  r2: {
    queueConcurrency: 32,
    batchSize: 2,
    queueFiles: 64,
    directInvocations: 32,
    seed: 2,
    drainTimeoutMs: 120_000
  },
  r3: {
    validFiles: 60,
    invalidFiles: 17,
    largeCheckpointShare: 0.3,
    seedRows: 20_000,
    faultRate: 0.1,
    crashes: R3_CRASHES,
    timingFlipMs: 1000,
    concurrency: 4,
    // Scaled down from production's 60 s / 360 s; the visibility timeout stays longer than the function's.
    functionTimeoutMs: 6000,
    visibilityTimeoutMs: 7200,
    seed: 3,
    drainTimeoutMs: 150_000
  },
  r4: {
    badFiles: 119,
    validFiles: 30,
    validWithBom: 4,
    maxFileBytes: 1_048_576,
    concurrency: 2,
    seed: 4,
    drainTimeoutMs: 120_000
  },
  r5: {
    visits: 40,
    lateEvents: 20,
    identicalCopies: 10,
    waveSize: 20,
    batchSize: 5,
    seed: 5,
    drainTimeoutMs: 120_000
  }
};

export const FULL: SuiteSizes = {
  r1: {
    ...SMALL.r1,
    validFiles: 2000,
    sandboxFiles: 100,
    invalidFiles: 200,
    identicalCopies: 100,
    drainTimeoutMs: 1_800_000
  },
  r2: {
    ...SMALL.r2,
    queueConcurrency: 64,
    batchSize: 4,
    queueFiles: 1024,
    directInvocations: 64,
    drainTimeoutMs: 1_800_000
  },
  r3: {
    ...SMALL.r3,
    validFiles: 1500,
    invalidFiles: 170,
    crashes: {
      afterRead: { fraction: 0.01, mode: 'both' },
      afterCommit: { fraction: 0.01, mode: 'hang' },
      multipart: {
        UploadPartCopy: { every: 20, timing: 'before' },
        CompleteMultipartUpload: { every: 15, timing: 'alternate' }
      }
    },
    functionTimeoutMs: 20_000,
    visibilityTimeoutMs: 24_000,
    drainTimeoutMs: 3_600_000
  },
  r4: { ...SMALL.r4, badFiles: 2040, validFiles: 600, validWithBom: 40, drainTimeoutMs: 1_800_000 },
  r5: {
    ...SMALL.r5,
    visits: 600,
    lateEvents: 300,
    identicalCopies: 100,
    waveSize: 50,
    drainTimeoutMs: 1_800_000
  }
};
