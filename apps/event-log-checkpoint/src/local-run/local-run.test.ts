import { LOCAL_RUN_USAGE, localRun, main } from './local-run';

describe('local run (README main command)', () => {
  it('processes the generated sample and reports checkpoints and quarantine read back with DuckDB', async () => {
    const lines: string[] = [];
    await localRun({ valid: 60, serve: false, log: (line) => lines.push(line) });
    const output = lines.join('\n');
    expect(output).toMatch(/^uploading 63 event-log files/m);
    expect(output).toMatch(/\(\d+ lambda invocations, 0 dead letters\)/);
    // Every valid event is in exactly one checkpoint.
    const rows = [...output.matchAll(/^ {2}rows (\d+) \|/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(rows).toBe(60);
    expect(output).toMatch(/QC pass rate \d+\.\d %/);
    expect(output).toContain('quarantined 1 invalid files (expected 1)');
    expect(output).toContain('sandbox files filtered: 2');
  }, 120_000);

  it('rejects unknown options and bad values with its usage (exit 2); --help prints it (exit 0)', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['--fast'])).toBe(2);
      const [refusal] = error.mock.calls.at(-1) as [string];
      expect(refusal).toMatch(/^Unknown option '--fast'/);
      expect(refusal.endsWith(`\n${LOCAL_RUN_USAGE}`)).toBe(true);
      expect(await main(['--files', 'x'])).toBe(2);
      expect(error).toHaveBeenLastCalledWith(`--files must be a positive integer\n${LOCAL_RUN_USAGE}`);
      expect(await main(['--help'])).toBe(0);
      expect(log).toHaveBeenLastCalledWith(LOCAL_RUN_USAGE);
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });
});
