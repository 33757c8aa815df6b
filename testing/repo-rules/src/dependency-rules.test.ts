import { resolve } from 'node:path';
import { checkDependencies, formatViolations } from './check-dependencies';

const REPO = resolve(__dirname, '..', '..', '..');

test('the repository follows its dependency rules (no cycle, no deep import, data one way)', () => {
  const violations = checkDependencies(REPO);
  expect(formatViolations(violations)).toBe('');
}, 120_000);
