/**
 * Object keys in S3 event records are URL-encoded the way HTML forms encode text
 * (application/x-www-form-urlencoded, as Java's URLEncoder): letters, digits and `-_.*` stay, a space
 * becomes `+`, every other character becomes `%XX` per UTF-8 byte (so `+` → `%2B`, `%` → `%25`) —
 * except `/`, which S3 leaves as it is. Consumers decode with `decodeS3EventKey` (Python: unquote_plus).
 */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The real key back from an event record's `s3.object.key`. */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}
