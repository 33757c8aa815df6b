import { localRun, localRunUsage } from '@reporting/test-kit';
import { main, TEMPLATE_LAMBDA_LOCAL_RUN } from './local-run';

describe('local run (bin/local-run.js)', () => {
  it("uploads files made from the schema's example and reports checkpoints and quarantine", async () => {
    const lines: string[] = [];
    await localRun(TEMPLATE_LAMBDA_LOCAL_RUN, { valid: 30, serve: false, log: (line) => lines.push(line) });
    const output = lines.join('\n');
    expect(output).toMatch(/^uploading 34 record files/m);
    expect(output).toMatch(/\(\d+ lambda invocations, 0 dead letters\)/);
    // Every valid record is in exactly one checkpoint, of at most three.
    const rows = [...output.matchAll(/^ {2}rows (\d+)$/gm)].map((m) => Number(m[1]));
    expect(rows.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(output).toMatch(/^columns \(DuckDB\): /m);
    expect(output).toContain('quarantined 4 invalid files (expected 4)');
  }, 120_000);

  it('rejects a bad --files with its usage (exit 2)', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['--files', '0'])).toBe(2);
      expect(error).toHaveBeenLastCalledWith(
        `--files must be a positive integer\n${localRunUsage(TEMPLATE_LAMBDA_LOCAL_RUN)}`
      );
    } finally {
      error.mockRestore();
    }
  });
});
