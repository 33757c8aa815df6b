/**
 * The full reliability run: R1–R5 at full size, the soak, the dependency audit and the known-bug
 * probes; writes docs/reliability.md. Usage (from the repo root, after building):
 *
 *   node testing/reliability-suite/lib/cli/run-full.js [--only r1,r2,r3,r4,r5,soak,audit,bugs]
 *        [--soak-minutes 10] [--out docs/reliability.md]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { endCommand, parseCommandLine } from '@reporting/utils';
import { probeSuite } from '../known-bugs/known-bug-report';
import { renderReliabilityReport, type ReliabilityRun } from '../report/reliability-report';
import { runDuplicates } from '../scenarios/r1-duplicates';
import { runConcurrency } from '../scenarios/r2-concurrency';
import { runFaults } from '../scenarios/r3-faults';
import { runBadInput } from '../scenarios/r4-bad-input';
import { runOrder } from '../scenarios/r5-order';
import type { ScenarioResult } from '../scenarios/scenario-result';
import { FULL, type SuiteSizes } from '../sizes';
import { runSoak, soakViolations, type SoakOptions } from '../soak/soak-run';
import { AuditUnavailableError } from '../supply-chain/audit-report';
import { repositoryRoot, runDependencyAudit } from '../supply-chain/dependency-audit';

export interface FullRunOptions {
  only: Set<string>;
  soakMinutes: number;
  out: string;
  sizes: SuiteSizes;
  command: string;
  log: (line: string) => void;
}

export const ALL_PARTS = ['r1', 'r2', 'r3', 'r4', 'r5', 'soak', 'audit', 'bugs'];

/**
 * What the full soak tolerates: heap growth between its first and last third (after warm-up), and
 * the slope over the run. A leak of 1 KiB per file at 10 files/s would be 0.6 MiB/min.
 */
export const SOAK_MAX_GROWTH_BYTES = 4 * 1024 * 1024;
export const SOAK_MAX_SLOPE_BYTES_PER_MINUTE = 256 * 1024;

export const RUN_FULL_USAGE = `usage: node testing/reliability-suite/lib/cli/run-full.js [--only PARTS] [--soak-minutes N] [--out FILE]
Runs the reliability suite at full size and writes its report (default docs/reliability.md).
--only: comma-separated parts of ${ALL_PARTS.join(', ')} (default all); --soak-minutes: the soak's length (default 10).`;

/** The command line, or how the command must end (--help: 0; a wrong option or value: 2). */
export function parseArguments(
  argv: readonly string[],
  root: string
): Omit<FullRunOptions, 'sizes' | 'log'> | { code: 0 | 2; output: string } {
  const parsed = parseCommandLine(
    argv,
    {
      only: { type: 'string', default: ALL_PARTS.join(',') },
      'soak-minutes': { type: 'string', default: '10' },
      out: { type: 'string', default: 'docs/reliability.md' }
    },
    RUN_FULL_USAGE
  );
  if (parsed.kind === 'exit') return parsed;
  const values = parsed.values as { only: string; 'soak-minutes': string; out: string };
  const only = new Set(values.only.split(',').map((p) => p.trim()));
  const unknown = [...only].filter((part) => !ALL_PARTS.includes(part));
  if (unknown.length > 0)
    return { code: 2, output: `unknown part "${unknown[0]}" (${ALL_PARTS.join(', ')})\n${RUN_FULL_USAGE}` };
  const soakMinutes = Number(values['soak-minutes']);
  if (!(soakMinutes > 0))
    return { code: 2, output: `--soak-minutes must be a positive number\n${RUN_FULL_USAGE}` };
  return {
    only,
    soakMinutes,
    out: path.resolve(root, values.out),
    command: ['node testing/reliability-suite/lib/cli/run-full.js', ...argv].join(' ')
  };
}

export function soakOptions(minutes: number): SoakOptions {
  return {
    durationMs: minutes * 60_000,
    filesPerSecond: 10,
    badEvery: 20,
    faultRate: 0.1,
    sampleEveryMs: Math.max(2000, minutes * 1000),
    warmUpMs: Math.min(60_000, minutes * 6000),
    seed: 6,
    drainTimeoutMs: 600_000
  };
}

/** Runs the selected parts one after another and returns what they measured. */
export async function runFull(options: FullRunOptions): Promise<ReliabilityRun> {
  const run: ReliabilityRun = {
    command: options.command,
    startedAt: new Date(),
    environment: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      memoryGb: Math.round(os.totalmem() / 1e9)
    },
    scenarios: [],
    errors: [],
    notes: []
  };
  const scenarios: [string, () => Promise<ScenarioResult>][] = [
    ['r1', () => runDuplicates(options.sizes.r1)],
    ['r2', () => runConcurrency(options.sizes.r2)],
    ['r3', () => runFaults(options.sizes.r3)],
    ['r4', () => runBadInput(options.sizes.r4)],
    ['r5', () => runOrder(options.sizes.r5)]
  ];
  for (const [id, scenario] of scenarios.filter(([id]) => options.only.has(id))) {
    options.log(`${id}: running`);
    try {
      const result = await scenario();
      run.scenarios.push(result);
      options.log(
        `${id}: ${result.violations.length === 0 ? 'held' : `VIOLATED: ${result.violations.join('; ')}`}`
      );
    } catch (error) {
      run.errors.push({ id: id.toUpperCase(), message: String(error) });
      options.log(`${id}: error ${String(error)}`);
    }
  }
  if (options.only.has('soak')) {
    options.log(`soak: ${options.soakMinutes} min`);
    try {
      const result = await runSoak(soakOptions(options.soakMinutes));
      const violations = soakViolations(result, SOAK_MAX_GROWTH_BYTES, SOAK_MAX_SLOPE_BYTES_PER_MINUTE);
      run.soak = {
        result,
        violations,
        maxGrowthBytes: SOAK_MAX_GROWTH_BYTES,
        maxSlopeBytesPerMinute: SOAK_MAX_SLOPE_BYTES_PER_MINUTE
      };
      options.log(`soak: ${violations.length === 0 ? 'held' : violations.join('; ')}`);
    } catch (error) {
      run.errors.push({ id: 'soak', message: String(error) });
    }
  }
  if (options.only.has('audit')) {
    try {
      run.audit = { report: runDependencyAudit() };
    } catch (error) {
      if (!(error instanceof AuditUnavailableError)) throw error;
      run.audit = { unavailable: error.message };
    }
  }
  if (options.only.has('bugs')) {
    options.log('known-bug probes');
    run.notes.push(await probeSuite());
  }
  return run;
}

/** True when every selected part finished and every invariant held. */
export function runHeld(run: ReliabilityRun): boolean {
  return (
    run.errors.length === 0 &&
    run.scenarios.every((s) => s.violations.length === 0) &&
    (run.soak?.violations.length ?? 0) === 0 &&
    !(run.audit && 'report' in run.audit && run.audit.report.blocking.length > 0)
  );
}

async function main(): Promise<void> {
  const root = repositoryRoot();
  const parsed = parseArguments(process.argv.slice(2), root);
  if ('code' in parsed) process.exit(endCommand(parsed));
  const options: FullRunOptions = {
    ...parsed,
    sizes: FULL,
    log: (line) => console.log(`[${new Date().toISOString()}] ${line}`)
  };
  const run = await runFull(options);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, renderReliabilityReport(run));
  options.log(`wrote ${path.relative(root, options.out)}`);
  process.exit(runHeld(run) ? 0 : 1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
}
