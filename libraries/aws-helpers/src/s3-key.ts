/**
 * Decodes an object key from an S3 event notification. S3 form-encodes keys there: a space arrives
 * as `+`, a real `+` as `%2B`, other reserved and non-ASCII bytes percent-encoded as UTF-8.
 * (EventBridge events carry keys unencoded: do not decode those.)
 */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}
