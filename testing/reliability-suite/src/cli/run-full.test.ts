import { SMALL } from '../sizes';
import { ALL_PARTS, parseArguments, RUN_FULL_USAGE, runFull, runHeld, soakOptions } from './run-full';

describe('run-full command', () => {
  it('parses the parts, soak length and output path, and rejects unknown parts', () => {
    const parsed = parseArguments(['--only', 'r1,soak', '--soak-minutes', '2', '--out', 'x/y.md'], '/repo');
    if ('code' in parsed) throw new Error(parsed.output);
    expect([...parsed.only]).toEqual(['r1', 'soak']);
    expect(parsed.soakMinutes).toBe(2);
    expect(parsed.out).toBe('/repo/x/y.md');
    expect(parsed.command).toBe(
      'node testing/reliability-suite/lib/cli/run-full.js --only r1,soak --soak-minutes 2 --out x/y.md'
    );
    expect(parseArguments([], '/repo')).toMatchObject({ only: new Set(ALL_PARTS) });
    expect(parseArguments(['--only', 'r9'], '/repo')).toMatchObject({
      code: 2,
      output: /^unknown part "r9"/
    });
    expect(parseArguments(['--soak-minutes', '0'], '/repo')).toMatchObject({ code: 2, output: /positive/ });
    // Conventions: an unknown flag is refused (it used to be ignored), --help answers with the usage.
    expect(parseArguments(['--soak', '2'], '/repo')).toMatchObject({
      code: 2,
      output: /^Unknown option '--soak'/
    });
    expect(parseArguments(['--help'], '/repo')).toMatchObject({ code: 0, output: RUN_FULL_USAGE });
  });

  it('scales the soak with its length', () => {
    const ten = soakOptions(10);
    expect(ten.durationMs).toBe(600_000);
    expect(ten.warmUpMs).toBe(60_000);
    expect(soakOptions(0.5).warmUpMs).toBe(3000);
  });

  it('runs the selected scenarios and reports whether every invariant held', async () => {
    const lines: string[] = [];
    const run = await runFull({
      only: new Set(['r5']),
      soakMinutes: 1,
      out: '/unused',
      sizes: { ...SMALL, r5: { ...SMALL.r5, visits: 6, lateEvents: 4, identicalCopies: 2 } },
      command: 'node run-full.js --only r5',
      log: (line) => lines.push(line)
    });
    expect(run.scenarios.map((s) => s.id)).toEqual(['R5']);
    expect(run.errors).toEqual([]);
    expect(runHeld(run)).toBe(true);
    expect(lines).toEqual(['r5: running', 'r5: held']);
    expect(runHeld({ ...run, errors: [{ id: 'R1', message: 'boom' }] })).toBe(false);
  });
});
