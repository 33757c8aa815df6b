/** What stands in a message for a secret. */
export const REDACTED = '[redacted]';

/** A value shaped like an API token (REDCap's are 32 hexadecimal characters, super tokens 64). */
const TOKEN_LIKE = /^[A-Za-z0-9]{24,128}$/;

/** The values of a form that must never appear in a message: the named fields, and token-like values. */
export function secretValues(form: URLSearchParams, secretFields: readonly string[]): string[] {
  return [...form]
    .filter(([key, value]) => value !== '' && (secretFields.includes(key) || TOKEN_LIKE.test(value)))
    .map(([, value]) => value);
}

/** The text with every occurrence of every secret replaced (longest first, so none survives in part). */
export function redact(text: string, secrets: readonly string[]): string {
  return [...secrets]
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length)
    .reduce((redacted, secret) => redacted.split(secret).join(REDACTED), text);
}

/** A request as a message may show it: the URL without query or credentials, the form's safe fields. */
export function describeRequest(url: URL, form: URLSearchParams, secrets: readonly string[]): string {
  const fields = [...form].map(([key, value]) => `${key}=${secrets.includes(value) ? REDACTED : value}`);
  return `POST ${url.origin}${url.pathname}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}`;
}
