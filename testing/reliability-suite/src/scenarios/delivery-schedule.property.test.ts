import fc from 'fast-check';
import { exactlyOnceHolds } from '../checks/exactly-once';
import { quarantineHolds } from '../checks/quarantine-check';
import { startReliabilityPipeline, type ReliabilityPipeline } from '../pipeline/reliability-pipeline';
import { runSchedule } from './delivery-schedule';

describe('any delivery schedule (property, real pipeline)', () => {
  let pipeline: ReliabilityPipeline;
  beforeAll(async () => {
    pipeline = await startReliabilityPipeline();
  });
  afterAll(() => pipeline.stop());

  it('exactly once under any delivery: for any files and any duplication, order, batch size and concurrency, each valid event lands exactly once and each invalid file is quarantined exactly once', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          valid: fc.integer({ min: 0, max: 3 }),
          sandbox: fc.integer({ min: 0, max: 1 }),
          invalid: fc.integer({ min: 0, max: 1 }),
          identicalCopies: fc.integer({ min: 0, max: 1 }),
          deliveries: fc.integer({ min: 1, max: 3 }),
          batchSize: fc.integer({ min: 1, max: 10 }),
          concurrency: fc.integer({ min: 1, max: 4 }),
          seed: fc.integer({ min: 1, max: 1_000_000 })
        }),
        async (schedule) => {
          const outcome = await runSchedule(pipeline, ++run, schedule);
          expect(outcome.exactlyOnce.missing).toEqual([]);
          expect(outcome.exactlyOnce.duplicated).toEqual([]);
          expect(exactlyOnceHolds(outcome.exactlyOnce)).toBe(true);
          expect(quarantineHolds(outcome.quarantine)).toBe(true);
          expect(outcome.deadLetters).toBe(0);
        }
      ),
      { numRuns: 100 }
    );
  }, 170_000);
});
