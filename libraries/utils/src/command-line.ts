import { parseArgs } from 'node:util';

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
/** What an option's value can be: parseArgs' types. */
export type OptionValue = string | boolean | string[] | boolean[] | undefined;

/** Either the parsed options, or how the command must end: usage on stdout (0) or an error (2). */
export type CommandLine =
  | { kind: 'run'; values: Record<string, OptionValue> }
  | { kind: 'exit'; code: 0 | 2; output: string };

/**
 * The conventions every command of this repo follows, on node:util's parseArgs (strict): `--help`
 * or `-h` → the usage and exit 0; an unknown option, a missing value or a positional argument → what
 * is wrong, then the usage, and exit 2. Both `--name value` and `--name=value` work.
 */
export function parseCommandLine(
  argv: readonly string[],
  options: OptionsConfig,
  usage: string
): CommandLine {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    });
    if (values.help === true) return { kind: 'exit', code: 0, output: usage };
    return { kind: 'run', values };
  } catch (error) {
    return { kind: 'exit', code: 2, output: `${(error as Error).message}\n${usage}` };
  }
}

/** Writes an `exit` result where it belongs (usage on stdout, errors on stderr); returns its code. */
export function endCommand(result: { code: 0 | 2; output: string }): 0 | 2 {
  (result.code === 0 ? console.log : console.error)(result.output);
  return result.code;
}
