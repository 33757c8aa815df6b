import { createHash } from 'node:crypto';
import type { ObjectIdentity } from './idempotency';

/** The status attribute of Powertools' idempotency records and the value of a finished one. */
export const IDEMPOTENCY_STATUS_ATTRIBUTE = 'status';
export const IDEMPOTENCY_STATUS_COMPLETED = 'COMPLETED';

/**
 * The key prefix Powertools' persistence layer uses: the function name it finds in
 * `AWS_LAMBDA_FUNCTION_NAME` when the layer is built (empty outside Lambda). `makeIdempotent` passes
 * no function name and no key prefix, so nothing is appended.
 */
export function idempotencyKeyPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_LAMBDA_FUNCTION_NAME ?? '';
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
