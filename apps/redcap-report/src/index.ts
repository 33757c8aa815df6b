import type { Context } from 'aws-lambda';

import type { RedcapHandler, RedcapResponse } from './handler';
import { createRuntimeHandler } from './runtime';

let runtime: RedcapHandler | undefined;

/** Lambda entry point (`index.handler`): EventBridge Scheduler and direct invocations, `{ report, mode? }`. */
export function handler(event: unknown, context: Context): Promise<RedcapResponse> {
  runtime ??= createRuntimeHandler();
  return runtime(event, context);
}

export {
  loadRedcapConfig,
  type RedcapLambdaConfig,
  type ReportConfig,
  type ReportMode,
  CONFIG_VARIABLES
} from './config';
export {
  createRedcapHandler,
  type RedcapHandler,
  type RedcapResponse,
  type RedcapHandlerDependencies
} from './handler';
export { exportReport, type ExportDependencies, type ExportResult } from './export-report';
export { parseReportRequest, type ReportRequest } from './report-request';
export { tablesForRun, type RunTables } from './run-table';
export { SchemaDriftError } from './schema-drift-error';
export { createRuntimeHandler, type RuntimeOptions } from './runtime';
