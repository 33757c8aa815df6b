// A lone UTF-16 surrogate (JSON allows the escape "\ud800") is not a Unicode character: UTF-8 cannot
// encode it, so a parquet writer would silently store U+FFFD instead. `isWellFormed` (ES2024, native in
// Node 20 and 22) finds one without a regex; the tests hold it to the `\p{Cs}` rule. The lib setting of
// this repo is ES2023, hence the declaration.
declare global {
  interface String {
    isWellFormed(): boolean;
  }
}

/** The first code unit of `text` that is a surrogate without its partner, as `\udxxx`. */
function describeSurrogate(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    if (high) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return `\\u${unit.toString(16)}`;
    } else if (low) return `\\u${unit.toString(16)}`;
  }
  return '';
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
    if (!key.isWellFormed()) problem(path, 'the field name', key);
    if (typeof item === 'string') {
      if (!item.isWellFormed()) problem(path, 'text', item);
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
