import type { SchemaElement } from 'hyparquet';
import type { TableColumn, TableDefinition } from '@reporting/schemas';

/** Lineage column names: filled by the engine from the source of each row (never by a lambda). */
export const SOURCE_KEY = 'source_key';
export const SOURCE_VERSION = 'source_version';
export const INGESTED_AT = 'ingested_at';

/**
 * A table definition compiled once for the engine: its parquet schema elements, its columns in
 * file order, which of them are lineage, and its sort column. Every read, append and rewrite of a
 * checkpoint goes through one of these; nothing in this library knows any particular table.
 */
export interface TableLayout {
  readonly definition: TableDefinition;
  readonly columns: readonly TableColumn[];
  readonly columnNames: readonly string[];
  /** Columns a lambda provides (the table's columns minus lineage). */
  readonly dataColumns: readonly TableColumn[];
  /** Root first, as written in every footer. */
  readonly schemaElements: readonly SchemaElement[];
  readonly sortColumn: string | null;
  /** True when the table has the three lineage columns (what deduplication by source needs). */
  readonly hasLineage: boolean;
  readonly byName: ReadonlyMap<string, TableColumn>;
}

const layouts = new WeakMap<TableDefinition, TableLayout>();

/** The layout of a table definition (built once per definition object). */
export function tableLayout(definition: TableDefinition): TableLayout {
  let layout = layouts.get(definition);
  if (layout === undefined) {
    layout = buildLayout(definition);
    layouts.set(definition, layout);
  }
  return layout;
}

function buildLayout(definition: TableDefinition): TableLayout {
  const columns = definition.columns;
  const byName = new Map(columns.map((column) => [column.name, column]));
  if (byName.size !== columns.length) {
    throw new Error(`table ${definition.schema}: column names must be unique`);
  }
  if (definition.sortColumn !== null && !byName.has(definition.sortColumn)) {
    throw new Error(`table ${definition.schema}: sort column "${definition.sortColumn}" is not a column`);
  }
  return {
    definition,
    columns,
    columnNames: columns.map((column) => column.name),
    dataColumns: columns.filter((column) => !column.lineage),
    schemaElements: schemaElementsFromTable(definition),
    sortColumn: definition.sortColumn,
    hasLineage: [SOURCE_KEY, SOURCE_VERSION, INGESTED_AT].every((name) => byName.get(name)?.lineage === true),
    byName
  };
}

/**
 * The parquet schema elements (root first) of a table definition: one flat column per table
 * column, with its physical, converted and logical types and its repetition.
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
