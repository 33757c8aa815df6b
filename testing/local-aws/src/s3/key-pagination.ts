import { compareUtf8 } from './object-store';

/**
 * One page of a listing, as S3 builds it: keys after the start point in UTF-8 order; with a delimiter,
 * keys whose remainder after the prefix contains it roll up into one common prefix; keys and common
 * prefixes together count towards maxKeys.
 */
export interface PageRequest {
  prefix: string;
  delimiter: string;
  /**
   * List strictly after this point (start-after, marker or the last entry of the previous page); a
   * common prefix at or before it was listed already, so keys under it are skipped too.
   */
  after: string;
  maxKeys: number;
}

export interface PageEntry {
  value: string;
  isCommonPrefix: boolean;
}

export interface Page {
  entries: PageEntry[];
  isTruncated: boolean;
}

/** `sortedKeys` must be in UTF-8 order. */
export function paginateKeys(sortedKeys: readonly string[], request: PageRequest): Page {
  const entries: PageEntry[] = [];
  let lastCommonPrefix: string | undefined;
  for (const key of sortedKeys) {
    if (!key.startsWith(request.prefix)) continue;
    if (request.after && compareUtf8(key, request.after) <= 0) continue;
    let entry: PageEntry = { value: key, isCommonPrefix: false };
    if (request.delimiter) {
      const index = key.indexOf(request.delimiter, request.prefix.length);
      if (index >= 0) {
        const commonPrefix = key.slice(0, index + request.delimiter.length);
        if (commonPrefix === lastCommonPrefix) continue;
        lastCommonPrefix = commonPrefix;
        if (request.after && compareUtf8(commonPrefix, request.after) <= 0) continue;
        entry = { value: commonPrefix, isCommonPrefix: true };
      }
    }
    if (entries.length >= request.maxKeys) return { entries, isTruncated: true };
    entries.push(entry);
  }
  return { entries, isTruncated: false };
}

/** Continuation tokens are opaque to clients; ours carry the last entry of the page. */
export function encodeContinuationToken(lastEntry: string): string {
  return Buffer.from(JSON.stringify({ after: lastEntry }), 'utf8').toString('base64');
}

export function decodeContinuationToken(token: string): string | undefined {
  try {
    const { after } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    return typeof after === 'string' ? after : undefined;
  } catch {
    return undefined;
  }
}
