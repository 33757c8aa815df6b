import type { SchemaElement } from 'hyparquet';
import type { TableColumn, TableDefinition } from '@reporting/schemas';

/**
 * The parquet schema elements (root first) of a table definition generated from a JSON Schema
 * (`@reporting/schemas`' `<camelName>Table`): one flat column per table column, with its physical,
 * converted and logical types and its repetition. For the visit-event table these are exactly
 * `checkpointSchemaElements()` (a test holds them equal).
 */
export function schemaElementsFromTable(table: TableDefinition): SchemaElement[] {
  return [
    { name: 'schema', num_children: table.columns.length },
    ...table.columns.map((column) => columnElement(column))
  ];
}

function columnElement(column: TableColumn): SchemaElement {
  const element: SchemaElement = {
    name: column.name,
    type: column.physicalType,
    repetition_type: column.repetition
  };
  if (column.convertedType !== undefined) element.converted_type = column.convertedType;
  if (column.logicalType !== undefined) element.logical_type = { ...column.logicalType };
  return element;
}
