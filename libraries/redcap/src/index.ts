export { type DataDictionaryField, type FieldType, FIELD_TYPES } from './data-dictionary';
export { dataDictionaryFromCsv } from './data-dictionary-csv';
export {
  tableFromDataDictionary,
  type RedcapTableOptions,
  type SystemColumn,
  EXPORTED_AT_COLUMN,
  SYSTEM_COLUMNS
} from './table-from-data-dictionary';
export {
  parseRedcapCsv,
  type ParseRedcapCsvOptions,
  type RedcapColumnBatch,
  DEFAULT_BATCH_SIZE
} from './parse-redcap-csv';
export { type RedcapValue, parseUtcOffset, daysFromCivil } from './value-converters';
export { checkboxColumnName, parseChoices, type Choice } from './checkbox-choices';
export { DataDictionaryError, RedcapCsvError } from './errors';
