import { dataSourceConfigSchema, validateDataSourceConfig } from '@reporting/schemas';
import { ConfigurationError } from '@reporting/utils';

/** The lambda's configuration, read from its environment (schema: schemas/definitions/data-source-config). */
export interface LambdaConfig {
  sourceBucket: string;
  sourcePrefix: string;
  checkpointBucket: string;
  checkpointKeyTemplate: string;
  errorsPrefix: string;
  idempotencyTable: string;
  maxFileBytes: number;
  logLevel: string;
  serviceName: string;
  metricsNamespace: string;
}

/** Names of the environment variables this lambda reads: exactly the schema's properties. */
export const CONFIG_VARIABLES = Object.keys(dataSourceConfigSchema.properties);

/**
 * Validates the environment at cold start; every problem is listed in one ConfigurationError.
 * Empty variables count as unset, so defaults apply.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const relevant = Object.fromEntries(
    CONFIG_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [
      name,
      env[name]
    ])
  );
  const result = validateDataSourceConfig(relevant);
  if (!result.valid) throw new ConfigurationError(result.errors);
  const c = result.value;
  return {
    sourceBucket: c.SOURCE_BUCKET,
    sourcePrefix: c.SOURCE_PREFIX ?? '',
    checkpointBucket: c.CHECKPOINT_BUCKET,
    checkpointKeyTemplate:
      c.CHECKPOINT_KEY_TEMPLATE ?? dataSourceConfigSchema.properties.CHECKPOINT_KEY_TEMPLATE.default,
    errorsPrefix: c.ERRORS_PREFIX ?? dataSourceConfigSchema.properties.ERRORS_PREFIX.default,
    idempotencyTable: c.IDEMPOTENCY_TABLE,
    maxFileBytes: Number(c.MAX_FILE_BYTES ?? dataSourceConfigSchema.properties.MAX_FILE_BYTES.default),
    logLevel: c.LOG_LEVEL ?? 'INFO',
    serviceName:
      c.POWERTOOLS_SERVICE_NAME ?? dataSourceConfigSchema.properties.POWERTOOLS_SERVICE_NAME.default,
    metricsNamespace:
      c.POWERTOOLS_METRICS_NAMESPACE ?? dataSourceConfigSchema.properties.POWERTOOLS_METRICS_NAMESPACE.default
  };
}
