import { createHash } from 'node:crypto';

/** The idempotency payload: one object version. */
export interface ObjectIdentity {
  bucket: string;
  key: string;
  version: string;
}

/** The status attribute of Powertools' idempotency records and the value of a finished one. */
export const IDEMPOTENCY_STATUS_ATTRIBUTE = 'status';
export const IDEMPOTENCY_STATUS_COMPLETED = 'COMPLETED';

/**
 * The key prefix of the idempotency records: `IDEMPOTENCY_KEY_PREFIX` when set, else the function name
 * in `AWS_LAMBDA_FUNCTION_NAME` (Powertools' own default; empty outside Lambda). The runtime passes it
 * to `makeIdempotent` as `keyPrefix`, so a backfill outside Lambda can write and read the records of
 * the deployed function (`--function-name`) instead of a set of its own.
 */
export function idempotencyKeyPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.IDEMPOTENCY_KEY_PREFIX?.trim() || env.AWS_LAMBDA_FUNCTION_NAME || '';
}

/**
 * The `id` of the idempotency record of one object version, as @aws-lambda-powertools/idempotency
 * 2.x computes it for `makeIdempotent(fn, { dataIndexArgument: 0 })` without an event key JMESPath:
 * `{prefix}#{base64(md5(JSON.stringify(deepSort(payload))))}`. deepSort orders keys
 * case-insensitively: `bucket`, `key`, `version` — the order written here.
 */
export function idempotencyKey(identity: ObjectIdentity, prefix: string = idempotencyKeyPrefix()): string {
  const payload = JSON.stringify({ bucket: identity.bucket, key: identity.key, version: identity.version });
  return `${prefix}#${createHash('md5').update(payload).digest('base64')}`;
}
