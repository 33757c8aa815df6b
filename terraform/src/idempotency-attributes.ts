/**
 * STAND-IN for the attribute names the lambda code gives the Powertools DynamoDBPersistenceLayer.
 * Today they are Powertools' defaults (keyAttr "id", expiryAttr "expiration") because the app code
 * does not exist yet. Once apps/event-log-checkpoint exports its persistence-layer options,
 * REPLACE this constant with an import of them, so the table test compares against the code.
 */
export const IDEMPOTENCY_ATTRIBUTES_USED_BY_CODE = {
  keyAttr: 'id',
  expiryAttr: 'expiration'
} as const;
