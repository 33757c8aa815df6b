// Everything generated per schema in definitions/ (scripts/generate.js): for each schema its type
// `<Title>`, row type `<Title>Row`, `<camel>Schema`, `<camel>Table` (README, "Tables"),
// `validate<Title>` and `<CONSTANT>_EXAMPLE` (the first of its `examples`), and the maps `tables`,
// `validators` and `examples` by schema name. A new schema file needs no edit here.
export * from './generated';
import { visitEventSchema } from './generated';

export type {
  TableDefinition,
  TableColumn,
  TableColumnType,
  ParquetPhysicalType,
  ParquetConvertedType,
  ParquetLogicalType
} from './table-definition';
export { TABLE_COLUMN_TYPES } from './table-definition';
export { createValidator, type ValidationResult, type Validator, type CompiledValidate } from './validator';
export { formatValidationErrors, describeValue } from './format-errors';
export { trimStrings } from './trim-strings';
export { HIVE_TYPES, terraformTable, type TerraformTable } from './terraform-table';

/** Visit-event enumerations, straight from the schema, for code that routes or generates events. */
export const VISIT_EVENT_ACTIONS = visitEventSchema.properties.action.enum;
export const VISIT_EVENT_DATATYPES = visitEventSchema.properties.datatype.enum;
export { tableColumn, type ColumnTraits } from './table-column';
