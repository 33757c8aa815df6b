/**
 * A copy of a parsed JSON object with leading and trailing whitespace removed from every string value
 * (at any depth). Anything that is not a plain object is returned unchanged, for the validator to reject.
 */
export function trimStrings<T>(value: T): T {
  if (typeof value === 'string') return value.trim() as T;
  if (Array.isArray(value)) return value.map((item) => trimStrings(item)) as T;
  if (value !== null && typeof value === 'object') {
    // Object.entries + defineProperty keep keys such as "__proto__" as plain data fields.
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(copy, key, {
        value: trimStrings(item),
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return copy as T;
  }
  return value;
}
