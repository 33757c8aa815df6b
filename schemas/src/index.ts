import {
  type DataSourceConfig,
  type LabResult,
  type ProcessingMetrics,
  type QuarantineRecord,
  type ReportingEvent,
  type VisitEvent,
  dataSourceConfigSchema,
  dataSourceConfigTable,
  labResultSchema,
  labResultTable,
  processingMetricsSchema,
  processingMetricsTable,
  quarantineRecordSchema,
  quarantineRecordTable,
  reportingEventSchema,
  reportingEventTable,
  tables,
  validateDataSourceConfigRaw,
  validateLabResultRaw,
  validateProcessingMetricsRaw,
  validateQuarantineRecordRaw,
  validateReportingEventRaw,
  validateVisitEventRaw,
  visitEventSchema,
  visitEventTable
} from './generated';
import { createValidator } from './validator';

export type { DataSourceConfig, LabResult, ProcessingMetrics, QuarantineRecord, ReportingEvent, VisitEvent };
/** `<Title>Row` of every schema: one row of its table as the checkpoint engine reads it back. */
export type * from './generated';
export {
  dataSourceConfigSchema,
  labResultSchema,
  processingMetricsSchema,
  quarantineRecordSchema,
  reportingEventSchema,
  visitEventSchema
};
/** Parquet table definitions derived from the schemas at build time (README, "Tables"). */
export {
  dataSourceConfigTable,
  labResultTable,
  processingMetricsTable,
  quarantineRecordTable,
  reportingEventTable,
  visitEventTable,
  tables
};
export type {
  TableDefinition,
  TableColumn,
  TableColumnType,
  ParquetPhysicalType,
  ParquetConvertedType,
  ParquetLogicalType
} from './table-definition';
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
export const validateLabResult = createValidator<LabResult>(validateLabResultRaw, labResultSchema);
export const validateQuarantineRecord = createValidator<QuarantineRecord>(
  validateQuarantineRecordRaw,
  quarantineRecordSchema
);

/** Visit-event enumerations, straight from the schema, for code that routes or generates events. */
export const VISIT_EVENT_ACTIONS = visitEventSchema.properties.action.enum;
export const VISIT_EVENT_DATATYPES = visitEventSchema.properties.datatype.enum;
export { VISIT_EVENT_EXAMPLE, LAB_RESULT_EXAMPLE } from './examples';
