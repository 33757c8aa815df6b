import { IDEMPOTENCY_KEY_ATTRIBUTE, IDEMPOTENCY_TTL_ATTRIBUTE } from '@reporting/lambda-runtime';

/**
 * The attribute names the lambda code gives the Powertools DynamoDBPersistenceLayer (keyAttr,
 * expiryAttr), from the app itself: the idempotency table test compares the Terraform table with
 * these. Another lambda with its own names would need its own entry here.
 */
export const IDEMPOTENCY_ATTRIBUTES_USED_BY_CODE = {
  keyAttr: IDEMPOTENCY_KEY_ATTRIBUTE,
  expiryAttr: IDEMPOTENCY_TTL_ATTRIBUTE
} as const;
