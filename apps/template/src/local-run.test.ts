import { localRun, localRunUsage } from '@reporting/test-kit';
import { main, TEMPLATE_LAMBDA_LOCAL_RUN } from './local-run';

describe('local run (bin/local-run.js)', () => {
  it("uploads files made from the schema's example and reports checkpoints and quarantine", async () => {
    const lines: string[] = [];
    await localRun(TEMPLATE_LAMBDA_LOCAL_RUN, { valid: 30, serve: false, log: (line) => lines.push(line) });
    const output = lines.join('\n');
    expect(output).toMatch(/^uploading 34 record files/m);
    expect(output).toMatch(/\(\d+ lambda invocations, 0 dead letters\)/);
    // Every valid record (several per JSON array, NDJSON and CSV file) is in exactly one checkpoint,
    // of at most three.
    const sample = TEMPLATE_LAMBDA_LOCAL_RUN.sampleFiles(30);
    const records = sample.flatMap((file) => file.records ?? []);
    expect(records.length).toBeGreaterThan(30);
    const rows = [...output.matchAll(/^ {2}rows (\d+)$/gm)].map((m) => Number(m[1]));
    expect(rows.reduce((sum, n) => sum + n, 0)).toBe(records.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(output).toMatch(/^columns \(DuckDB\): /m);
    expect(output).toContain('quarantined 4 invalid files (expected 4)');
    // Files of every format: the valid ones stored, the invalid one of each quarantined.
    const count = (format: string, expect: string) =>
      sample.filter((file) => file.format === format && file.expect === expect).length;
    const formats = ['json', 'json-array', 'ndjson', 'csv'];
    expect(output).toContain(
      [
        'files by format:',
        ...formats.map(
          (f) => `  ${f.padEnd(10)} ${count(f, 'valid')} stored, 1 quarantined of ${count(f, 'valid') + 1}`
        )
      ].join('\n')
    );
    // The invalid files' reasons name the invalid record's position.
    expect(output).toMatch(/^ {2}1 × record 2 \(index 1\): /m);
    expect(output).toMatch(/^ {2}1 × line 2: /m);
    expect(output).toMatch(/^ {2}1 × line 3 \(record 2\): /m);
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
