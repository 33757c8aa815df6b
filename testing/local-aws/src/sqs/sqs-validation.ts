/** SQS's limits on a message and a batch (SendMessage, SendMessageBatch). */
export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Why SQS refuses a message body, or undefined: empty, larger than 256 KiB, or with a character
 * outside `#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF` (unpaired surrogates included).
 */
export function invalidMessageBody(body: unknown): string | undefined {
  if (typeof body !== 'string' || body.length === 0) return 'The message body must not be empty.';
  if (Buffer.byteLength(body, 'utf8') > MAX_MESSAGE_BYTES)
    return `The message body must be shorter than ${MAX_MESSAGE_BYTES} bytes.`;
  // Code points allowed by SQS; `u` makes lone surrogates fail to match.
  if (!/^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u.test(body))
    return 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';
  return undefined;
}

/** Whether a batch entry id is one SQS accepts: 1–80 letters, digits, hyphens and underscores. */
export function isValidBatchEntryId(id: unknown): boolean {
  return typeof id === 'string' && BATCH_ENTRY_ID.test(id);
}
