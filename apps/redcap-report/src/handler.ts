import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ApiAuthError, ApiRequestError } from '@reporting/api-client';
import { CommitConflictError } from '@reporting/checkpoint-store';
import { ConfigurationError, GENERIC_SERVER_ERROR, ReportingError } from '@reporting/utils';

import type { RedcapLambdaConfig } from './config';
import { type ExportDependencies, exportReport, type ExportResult } from './export-report';
import { parseReportRequest } from './report-request';
import { SchemaDriftError } from './schema-drift-error';

export type RedcapResponse =
  | ({ statusCode: 200 } & ExportResult)
  | { statusCode: 400; problems: readonly string[] }
  | { statusCode: 409 | 500; report: string; error: string; message: string };

export interface RedcapHandlerDependencies extends ExportDependencies {
  readonly config: RedcapLambdaConfig;
}

export type RedcapHandler = (event: unknown, context?: Context) => Promise<RedcapResponse>;

/**
 * Errors whose message is safe for the caller (names of paths and columns, never values or the
 * token); any other failure (a value that contradicts the dictionary is patient data) answers with
 * a generic message and is logged in full.
 */
const SAFE_MESSAGES = [
  ApiAuthError,
  ApiRequestError,
  SchemaDriftError,
  CommitConflictError,
  ConfigurationError
];

/**
 * The handler of scheduled runs (an EventBridge Scheduler target whose input is
 * `{"report": "<name>", "mode"?: …}`) and direct invocations of the same shape. Answers 400 with
 * every problem of a bad input, 200 with what was written, 409 when a concurrent overwrite won,
 * 500 otherwise. Metrics (dimension Report): EventsProcessed, EventsFailed, ExecutionTime,
 * OutputFileSize, SchemaDriftFailures.
 */
export function createRedcapHandler(deps: RedcapHandlerDependencies): RedcapHandler {
  const { logger, metrics } = deps.observability;
  return async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const request = parseReportRequest(event, deps.config);
    if (!request.ok) {
      logger.warn('invalid input', { problems: request.problems });
      return { statusCode: 400, problems: request.problems };
    }
    const { report, mode } = request;
    const started = Date.now();
    logger.appendKeys({ report: report.name });
    metrics.addDimension('Report', report.name);
    try {
      const result = await exportReport(deps, report, mode);
      metrics.addMetric('EventsProcessed', MetricUnit.Count, result.records);
      metrics.addMetric('EventsFailed', MetricUnit.Count, 0);
      metrics.addMetric('OutputFileSize', MetricUnit.Bytes, result.bytes);
      logger.info('report exported', { ...result });
      return { statusCode: 200, ...result };
    } catch (error) {
      metrics.addMetric('EventsFailed', MetricUnit.Count, 1);
      if (error instanceof SchemaDriftError) metrics.addMetric('SchemaDriftFailures', MetricUnit.Count, 1);
      logger.error('report export failed; nothing written', error as Error);
      const safe = SAFE_MESSAGES.some((kind) => error instanceof kind);
      return {
        statusCode: error instanceof CommitConflictError ? 409 : 500,
        report: report.name,
        error: error instanceof ReportingError || error instanceof CommitConflictError ? error.name : 'Error',
        message: safe ? (error as Error).message : GENERIC_SERVER_ERROR
      };
    } finally {
      metrics.addMetric('ExecutionTime', MetricUnit.Milliseconds, Date.now() - started);
      metrics.publishStoredMetrics();
      logger.removeKeys(['report']);
    }
  };
}
