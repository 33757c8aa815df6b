import { resolve } from 'node:path';
import { checkDependencies, formatViolations } from './check-dependencies';

/** `dependency-rules`: checks the repository (two folders up from this package) and reports. */
export async function main(root: string = resolve(__dirname, '..', '..', '..')): Promise<number> {
  const violations = checkDependencies(root);
  if (violations.length === 0) {
    console.log('dependency rules: no violation');
    return 0;
  }
  console.error(`dependency rules: ${violations.length} violation(s)\n${formatViolations(violations)}`);
  return 1;
}
