import { SMALL } from '../sizes';
import { ALL_PARTS, parseArguments, runFull, runHeld, soakOptions } from './run-full';

describe('run-full command', () => {
  it('parses the parts, soak length and output path, and rejects unknown parts', () => {
    const parsed = parseArguments(['--only', 'r1,soak', '--soak-minutes', '2', '--out', 'x/y.md'], '/repo');
    expect([...parsed.only]).toEqual(['r1', 'soak']);
    expect(parsed.soakMinutes).toBe(2);
    expect(parsed.out).toBe('/repo/x/y.md');
    expect(parsed.command).toBe(
      'node testing/reliability-suite/lib/cli/run-full.js --only r1,soak --soak-minutes 2 --out x/y.md'
    );
    expect([...parseArguments([], '/repo').only]).toEqual(ALL_PARTS);
    expect(() => parseArguments(['--only', 'r9'], '/repo')).toThrow(/unknown part "r9"/);
    expect(() => parseArguments(['--soak-minutes', '0'], '/repo')).toThrow(/positive/);
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
