import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * The Powertools logger, metrics and tracer every lambda shares. Service name, namespace and log level
 * come from the standard Powertools variables (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE,
 * LOG_LEVEL) unless given.
 */
export function createObservability(
  options: { serviceName?: string; namespace?: string; logLevel?: string } = {}
): Observability {
  const serviceName = options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'reporting-lambda';
  const logger = new Logger({
    serviceName,
    ...(options.logLevel ? { logLevel: options.logLevel as 'INFO' } : {})
  });
  const metrics = new Metrics({
    serviceName,
    namespace: options.namespace ?? process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ReportingLambdas'
  });
  const tracer = new Tracer({ serviceName });
  return { logger, metrics, tracer };
}
