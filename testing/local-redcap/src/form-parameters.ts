/**
 * A list parameter as PHP receives it from a form: `fields[0]=a&fields[1]=b` (or `fields[]=a`),
 * or one comma-separated `fields=a,b` (REDCap accepts both).
 */
export function listParameter(params: URLSearchParams, name: string): string[] {
  const indexed: { index: number; order: number; value: string }[] = [];
  let order = 0;
  for (const [key, value] of params) {
    const match = /^(.+)\[(\d*)\]$/.exec(key);
    if (match && match[1] === name) {
      indexed.push({
        index: match[2] === '' ? Number.MAX_SAFE_INTEGER : Number(match[2]),
        order: order++,
        value
      });
    }
  }
  const plain = params.get(name);
  const values =
    indexed.length > 0
      ? indexed.sort((a, b) => a.index - b.index || a.order - b.order).map((entry) => entry.value)
      : (plain ?? '').split(',');
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

/** A boolean parameter as REDCap reads it: '1' or 'true' (any case) is true. */
export function booleanParameter(params: URLSearchParams, name: string): boolean {
  const value = (params.get(name) ?? '').toLowerCase();
  return value === '1' || value === 'true';
}
