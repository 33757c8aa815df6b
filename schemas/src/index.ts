import {
  type DataSourceConfig,
  type ProcessingMetrics,
  type ReportingEvent,
  type VisitEvent,
  dataSourceConfigSchema,
  processingMetricsSchema,
  reportingEventSchema,
  validateDataSourceConfigRaw,
  validateProcessingMetricsRaw,
  validateReportingEventRaw,
  validateVisitEventRaw,
  visitEventSchema
} from './generated';
import { createValidator } from './validator';

export type { DataSourceConfig, ProcessingMetrics, ReportingEvent, VisitEvent };
export { dataSourceConfigSchema, processingMetricsSchema, reportingEventSchema, visitEventSchema };
export { createValidator, type ValidationResult, type Validator, type CompiledValidate } from './validator';
export { formatValidationErrors, describeValue } from './format-errors';
export { trimStrings } from './trim-strings';

export const validateVisitEvent = createValidator<VisitEvent>(validateVisitEventRaw, visitEventSchema);
export const validateReportingEvent = createValidator<ReportingEvent>(
  validateReportingEventRaw,
  reportingEventSchema
);
export const validateDataSourceConfig = createValidator<DataSourceConfig>(
  validateDataSourceConfigRaw,
  dataSourceConfigSchema
);
export const validateProcessingMetrics = createValidator<ProcessingMetrics>(
  validateProcessingMetricsRaw,
  processingMetricsSchema
);

/** Visit-event enumerations, straight from the schema, for code that routes or generates events. */
export const VISIT_EVENT_ACTIONS = visitEventSchema.properties.action.enum;
export const VISIT_EVENT_DATATYPES = visitEventSchema.properties.datatype.enum;
export { VISIT_EVENT_EXAMPLE } from './examples';
