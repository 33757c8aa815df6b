import { rmSync } from 'node:fs';
import { main } from './cli';
import { plantRepo } from './testing/planted-repo';

describe('the dependency-rules command', () => {
  it('exits 1 and names every violation of a repository that breaks the rules', async () => {
    const root = plantRepo();
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(root)).toBe(1);
      const report = String(error.mock.calls[0][0]);
      expect(report).toMatch(/^dependency rules: 6 violation\(s\)\n/);
      expect(report).toContain('no-circular: libraries/store/src/a.ts → libraries/store/src/b.ts');
    } finally {
      error.mockRestore();
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('says so and exits 0 for this repository', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main()).toBe(0);
      expect(log).toHaveBeenCalledWith('dependency rules: no violation');
    } finally {
      log.mockRestore();
    }
  }, 120_000);
});
