import { checkExactlyOnce, exactlyOnceHolds, type ExactlyOnceReport } from '../checks/exactly-once';
import { classifyDeadLetters, type DeadLetterReport } from '../checks/dead-letters';
import { checkQuarantine, quarantineHolds, type QuarantineReport } from '../checks/quarantine-check';
import type { SuiteFile } from '@reporting/test-kit';
import type { ReliabilityPipeline } from '../pipeline/reliability-pipeline';

export type Figure = string | number;

/** What one scenario measured and whether its invariants held. */
export interface ScenarioResult {
  id: string;
  title: string;
  parameters: Record<string, Figure>;
  figures: Record<string, Figure>;
  exactlyOnce: ExactlyOnceReport;
  quarantine: QuarantineReport;
  deadLetters: DeadLetterReport;
  /** Each violated invariant, in words; empty when the scenario passed. */
  violations: string[];
  durationMs: number;
}

export interface Outcome {
  exactlyOnce: ExactlyOnceReport;
  quarantine: QuarantineReport;
  deadLetters: DeadLetterReport;
  violations: string[];
}

const sample = (items: readonly string[]): string =>
  `${items.slice(0, 5).join(', ')}${items.length > 5 ? `, … (${items.length})` : ''}`;

/** Reads back checkpoints, quarantine and dead letters and checks the pipeline's promise. */
export async function collectOutcome(
  pipeline: ReliabilityPipeline,
  files: readonly SuiteFile[],
  otherSources: ReadonlyMap<string, number> = new Map()
): Promise<Outcome> {
  const exactlyOnce = checkExactlyOnce(files, await pipeline.allCheckpointRows(), otherSources);
  const quarantine = checkQuarantine(files, await pipeline.quarantine());
  const deadLetters = classifyDeadLetters(pipeline.queue.deadLetters, files);
  return {
    exactlyOnce,
    quarantine,
    deadLetters,
    violations: describeViolations(exactlyOnce, quarantine, deadLetters)
  };
}

export function describeViolations(
  exactlyOnce: ExactlyOnceReport,
  quarantine: QuarantineReport,
  deadLetters: DeadLetterReport
): string[] {
  const violations: string[] = [];
  if (!exactlyOnceHolds(exactlyOnce)) {
    violations.push(
      `checkpoint rows ${exactlyOnce.rows} ≠ expected ${exactlyOnce.expectedRows}` +
        (exactlyOnce.missing.length ? `; missing: ${sample(exactlyOnce.missing)}` : '') +
        (exactlyOnce.duplicated.length ? `; duplicated: ${sample(exactlyOnce.duplicated)}` : '') +
        (exactlyOnce.unexpected.length ? `; unexpected: ${sample(exactlyOnce.unexpected)}` : '') +
        (exactlyOnce.altered.length ? `; altered: ${sample(exactlyOnce.altered)}` : '') +
        (exactlyOnce.misrouted.length ? `; misrouted: ${sample(exactlyOnce.misrouted)}` : '')
    );
  }
  if (!quarantineHolds(quarantine)) {
    violations.push(
      `quarantine records ${quarantine.records} ≠ invalid files ${quarantine.invalidFiles}` +
        (quarantine.missing.length ? `; not quarantined: ${sample(quarantine.missing)}` : '') +
        (quarantine.repeated.length ? `; quarantined twice: ${sample(quarantine.repeated)}` : '') +
        (quarantine.unspecific.length ? `; unspecific reasons: ${sample(quarantine.unspecific)}` : '') +
        (quarantine.unexpected.length
          ? `; quarantined but not invalid: ${sample(quarantine.unexpected)}`
          : '')
    );
  }
  const { valid, invalid, sandbox } = deadLetters.byExpectation;
  if (valid?.length) violations.push(`valid files dead-lettered: ${sample(valid)}`);
  if (sandbox?.length) violations.push(`sandbox files dead-lettered instead of filtered: ${sample(sandbox)}`);
  if (invalid?.length)
    violations.push(`invalid files dead-lettered instead of quarantined: ${sample(invalid)}`);
  return violations;
}

/** Invocation durations as "p50 / p99 / max" in seconds (invocations that never ended are not counted). */
export function durationPercentiles(durations: readonly number[]): string {
  if (durations.length === 0) return 'none';
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number): string =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1000).toFixed(2);
  return `${at(0.5)} / ${at(0.99)} / ${(sorted[sorted.length - 1] / 1000).toFixed(2)}`;
}

/** Messages delivered more than once (redeliveries after a failure or a duplicate notification). */
export function redeliveries(pipeline: ReliabilityPipeline): {
  redelivered: number;
  maxReceiveCount: number;
} {
  let redelivered = 0;
  let maxReceiveCount = 0;
  for (const invocation of pipeline.queue.invocations) {
    for (const count of invocation.receiveCounts) {
      if (count > 1) redelivered++;
      maxReceiveCount = Math.max(maxReceiveCount, count);
    }
  }
  return { redelivered, maxReceiveCount };
}
