/** One choice of a dropdown, radio or checkbox field: its raw code and its label. */
export interface Choice {
  readonly code: string;
  readonly label: string;
}

/**
 * The choices of `select_choices_or_calculations`: `code, label | code, label …`. The code is what
 * precedes the first comma (a label may contain commas), both trimmed. `{ invalid }` carries the
 * first choice without a comma or with an empty code.
 */
export function parseChoices(text: string): { choices: Choice[] } | { invalid: string } {
  const choices: Choice[] = [];
  for (const part of text.split('|')) {
    const item = part.trim();
    if (item === '') continue;
    const comma = item.indexOf(',');
    const code = comma < 0 ? '' : item.slice(0, comma).trim();
    if (code === '') return { invalid: item };
    choices.push({ code, label: item.slice(comma + 1).trim() });
  }
  return { choices };
}

/**
 * The export column of one checkbox choice, as REDCap names it (Project::getExtendedCheckboxCodeFormatted):
 * `-` and `.` become `_` (so `-1` and `1`, `1.5` and `15` stay apart), the code is lowercased, and
 * any other character outside `[a-z0-9_]` is dropped. Code `-1` of `pain` → `pain____1`.
 */
export function checkboxColumnName(field: string, code: string): string {
  const formatted = code
    .replace(/[-.]/g, '_')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '');
  return `${field}___${formatted}`;
}
