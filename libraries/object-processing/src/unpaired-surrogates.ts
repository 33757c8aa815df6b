// A lone UTF-16 surrogate (JSON allows the escape "\ud800") is not a Unicode character: UTF-8 cannot
// encode it, so a parquet writer would silently store U+FFFD instead. With the `u` flag, \p{Cs} matches
// only surrogates that are not part of a pair.
const UNPAIRED_SURROGATE = /\p{Cs}/u;

function describeSurrogate(text: string): string {
  const unit = UNPAIRED_SURROGATE.exec(text)?.[0].charCodeAt(0) ?? 0;
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

/**
 * One reason per string (value or key) of a parsed JSON value that holds an unpaired surrogate, naming
 * where it is (`ptid`, `items.2.name`). Iterative, so arbitrarily deep input cannot overflow the stack.
 */
export function unpairedSurrogateReasons(value: unknown): string[] {
  const reasons: string[] = [];
  const pending: Array<{ item: unknown; path: string; key: string }> = [{ item: value, path: '', key: '' }];
  const problem = (path: string, what: string, text: string): void => {
    reasons.push(
      `${path === '' ? '(file)' : path}: ${what} contains an unpaired UTF-16 surrogate (${describeSurrogate(text)}), ` +
        'which is not a Unicode character and cannot be stored'
    );
  };
  while (pending.length > 0) {
    const { item, path, key } = pending.pop()!;
    if (UNPAIRED_SURROGATE.test(key)) problem(path, 'the field name', key);
    if (typeof item === 'string') {
      if (UNPAIRED_SURROGATE.test(item)) problem(path, 'text', item);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [childKey, child] = entries[i];
        pending.push({ item: child, path: path === '' ? childKey : `${path}.${childKey}`, key: childKey });
      }
    }
  }
  return reasons;
}
