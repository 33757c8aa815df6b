import type { InputFormat } from './parse-records';

/** What a lambda reads its files as: one format, or each file's by its name's extension. */
export type FormatRule = InputFormat | 'by-extension';

const BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.csv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json'
};

/**
 * The format of one file under a rule. By extension: `.csv`, `.ndjson`/`.jsonl`, `.json` (a JSON
 * array when its first character is `[`, else one object); anything else is refused with a reason.
 */
export function formatOf(
  rule: FormatRule,
  key: string,
  bytes: Uint8Array
): { format: InputFormat } | { refused: string } {
  if (rule !== 'by-extension') return { format: rule };
  const dot = key.lastIndexOf('.');
  const extension = dot > key.lastIndexOf('/') ? key.slice(dot).toLowerCase() : '';
  const format = BY_EXTENSION[extension];
  if (format === undefined) {
    return {
      refused:
        `file name ${JSON.stringify(key)} has ${extension === '' ? 'no extension' : `extension ${extension}`}; ` +
        `this lambda reads ${Object.keys(BY_EXTENSION).join(', ')} files`
    };
  }
  return { format: format === 'json' && firstCharacter(bytes) === '[' ? 'json-array' : format };
}

function firstCharacter(bytes: Uint8Array): string | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // a UTF-8 byte-order mark
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return i < bytes.length ? String.fromCharCode(bytes[i]) : undefined;
}
