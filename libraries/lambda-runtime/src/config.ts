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
 * The key template of a table whose CHECKPOINT_KEY_TEMPLATE is unset: `checkpoints/{p1}/{p2}/events.parquet`
 * over its key placeholders (for visit events, `{study}/{datatype}`: the schema's default).
 */
export function defaultKeyTemplate(keyPlaceholders: readonly string[]): string {
  if (keyPlaceholders.length === 0) return dataSourceConfigSchema.properties.CHECKPOINT_KEY_TEMPLATE.default;
  return `checkpoints/${keyPlaceholders.map((name) => `{${name}}`).join('/')}/events.parquet`;
}

/**
 * Validates the environment at cold start; every problem is listed in one ConfigurationError,
 * a CHECKPOINT_KEY_TEMPLATE without one of the table's `keyPlaceholders` included. Empty variables
 * count as unset, so defaults apply (the key template's default is `defaultKeyTemplate`).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  keyPlaceholders: readonly string[] = []
): LambdaConfig {
  const relevant = Object.fromEntries(
    CONFIG_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [
      name,
      env[name]
    ])
  );
  const template =
    typeof relevant.CHECKPOINT_KEY_TEMPLATE === 'string'
      ? relevant.CHECKPOINT_KEY_TEMPLATE
      : defaultKeyTemplate(keyPlaceholders);
  const result = validateDataSourceConfig({ ...relevant, CHECKPOINT_KEY_TEMPLATE: template });
  const problems = result.valid ? [] : [...result.errors];
  const missing = keyPlaceholders.map((name) => `{${name}}`).filter((p) => !template.includes(p));
  if (missing.length > 0) {
    problems.push(`CHECKPOINT_KEY_TEMPLATE: "${template}" lacks ${missing.join(' and ')}`);
  }
  if (!result.valid || problems.length > 0) throw new ConfigurationError(problems);
  const c = result.value;
  return {
    sourceBucket: c.SOURCE_BUCKET,
    sourcePrefix: c.SOURCE_PREFIX ?? '',
    checkpointBucket: c.CHECKPOINT_BUCKET,
    checkpointKeyTemplate: template,
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
