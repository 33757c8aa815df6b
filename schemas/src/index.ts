import {
  type DataSourceConfig,
  type ProcessingMetrics,
  type QuarantineRecord,
  type ReportingEvent,
  type VisitEvent,
  dataSourceConfigSchema,
  processingMetricsSchema,
  quarantineRecordSchema,
  reportingEventSchema,
  validateDataSourceConfigRaw,
  validateProcessingMetricsRaw,
  validateQuarantineRecordRaw,
  validateReportingEventRaw,
  validateVisitEventRaw,
  visitEventSchema
} from './generated';
import { createValidator } from './validator';

export type { DataSourceConfig, ProcessingMetrics, QuarantineRecord, ReportingEvent, VisitEvent };
export {
  dataSourceConfigSchema,
  processingMetricsSchema,
  quarantineRecordSchema,
  reportingEventSchema,
  visitEventSchema
};
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
export const validateQuarantineRecord = createValidator<QuarantineRecord>(
  validateQuarantineRecordRaw,
  quarantineRecordSchema
);

/** Visit-event enumerations, straight from the schema, for code that routes or generates events. */
export const VISIT_EVENT_ACTIONS = visitEventSchema.properties.action.enum;
export const VISIT_EVENT_DATATYPES = visitEventSchema.properties.datatype.enum;
export { VISIT_EVENT_EXAMPLE } from './examples';
