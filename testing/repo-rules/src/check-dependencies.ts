import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One broken rule: which file imports which, and the rule's name. */
export interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** The rules file (CommonJS, dependency-cruiser's format) shipped with this package. */
export const RULES_FILE = resolve(__dirname, '..', 'dependency-rules.cjs');

/** The folders of source code in this repository (every project's src/ and bench/). */
export const SOURCE_GLOBS = ['apps', 'libraries', 'testing', 'rigs', 'schemas/src', 'terraform/src'];

/**
 * Runs dependency-cruiser (its CLI: the package is an ES module, this one CommonJS under Jest) over
 * `folders` of `root` with the rules; returns every violation. Throws when the cruise itself fails.
 */
export function checkDependencies(root: string, folders: readonly string[] = SOURCE_GLOBS): Violation[] {
  const cli = join(__dirname, '..', 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const present = folders.filter((folder) => existsSync(join(root, folder)));
  const run = spawnSync(
    process.execPath,
    [cli, '--config', RULES_FILE, '--output-type', 'json', '--no-cache', ...present],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
  );
  if (run.error) throw run.error;
  let report: { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  try {
    report = JSON.parse(run.stdout) as typeof report;
  } catch {
    throw new Error(`dependency-cruiser failed (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

/** One line per violation, for people. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`).join('\n');
}
