// Input formats of a reporting lambda's files: one entry point, `parseRecords`.
export { parseRecords, INPUT_FORMATS, isInputFormat, type InputFormat } from './parse-records';
export type { ParsedRecords } from './record-failures';
export { MAX_REPORTED_RECORDS } from './record-failures';
export type { RecordSchema, PropertySchema } from './csv-coercion';
export { formatOf, type FormatRule } from './format-of-key';
