import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAuditOutput, type AuditReport } from './audit-report';

/** The monorepo root: the nearest folder upwards that holds rush.json. */
export function repositoryRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'rush.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no rush.json above ${from}`);
  }
}

/** The command CI runs: pnpm's audit of the Rush lockfile, high and critical advisories only. */
export const AUDIT_COMMAND = [
  'common/scripts/install-run-rush-pnpm.js',
  'audit',
  '--audit-level',
  'high',
  '--json'
];

/**
 * Audits the lockfile against the npm registry's advisories (network needed). Throws
 * AuditUnavailableError when the registry cannot be asked.
 */
export function runDependencyAudit(root: string = repositoryRoot()): AuditReport {
  const result = spawnSync(process.execPath, AUDIT_COMMAND, {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024
  });
  return parseAuditOutput(result.stdout ?? '', result.stderr ?? '');
}
