export function checkAgainstBase(options: { schemasDir: string; base?: string }): {
  base: string;
  notes: string[];
  problems: string[];
};
export function defaultBase(cwd: string): string;
