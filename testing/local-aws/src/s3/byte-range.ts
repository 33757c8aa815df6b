/**
 * The Range header as S3 reads it (one range only): `bytes=a-b`, `bytes=a-` and the suffix form
 * `bytes=-n` (the last n bytes). Returns 'ignore' for a header S3 ignores (syntax it does not
 * support, several ranges), 'unsatisfiable' for a range outside the object (416 InvalidRange).
 */
export type ResolvedRange = { start: number; end: number } | 'ignore' | 'unsatisfiable';

export function resolveByteRange(header: string | undefined, size: number): ResolvedRange {
  if (header === undefined) return 'ignore';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'ignore';
  if (match[1] === '') {
    const suffixLength = Number(match[2]);
    if (suffixLength === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffixLength), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return 'ignore';
  if (start >= size) return 'unsatisfiable';
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return { start, end };
}
