import { endCommand, parseCommandLine } from './command-line';

const OPTIONS = { files: { type: 'string' }, serve: { type: 'boolean' } } as const;
const USAGE = 'usage: cmd [--files N] [--serve]';

describe('parseCommandLine', () => {
  it('parses --name value, --name=value and flags', () => {
    expect(parseCommandLine(['--files', '3', '--serve'], OPTIONS, USAGE)).toEqual({
      kind: 'run',
      values: { files: '3', serve: true }
    });
    expect(parseCommandLine(['--files=4'], OPTIONS, USAGE)).toEqual({ kind: 'run', values: { files: '4' } });
  });

  it('answers --help and -h with the usage, to exit 0', () => {
    expect(parseCommandLine(['--help'], OPTIONS, USAGE)).toEqual({ kind: 'exit', code: 0, output: USAGE });
    expect(parseCommandLine(['-h'], OPTIONS, USAGE)).toEqual({ kind: 'exit', code: 0, output: USAGE });
  });

  it.each([
    [['--fast'], "Unknown option '--fast'"],
    [['--files'], "Option '--files <value>' argument missing"],
    [['extra'], "Unexpected argument 'extra'"]
  ])('refuses %j with what is wrong and the usage, to exit 2', (argv, problem) => {
    const result = parseCommandLine(argv, OPTIONS, USAGE);
    expect(result).toMatchObject({ kind: 'exit', code: 2 });
    const output = result.kind === 'exit' ? result.output : '';
    expect(output.startsWith(problem)).toBe(true);
    expect(output.endsWith(`\n${USAGE}`)).toBe(true);
  });

  it('ends a command: usage on stdout for 0, errors on stderr for 2', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(endCommand({ code: 0, output: 'u' })).toBe(0);
      expect(endCommand({ code: 2, output: 'e' })).toBe(2);
      expect(log).toHaveBeenCalledWith('u');
      expect(error).toHaveBeenCalledWith('e');
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
