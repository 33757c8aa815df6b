import * as generated from './generated';
import type { TableColumnType, TableDefinition } from './table-definition';

/** The Hive (Glue) type Athena reads each mapped column type's parquet physical/logical type as. */
export const HIVE_TYPES: Readonly<Record<TableColumnType, string>> = {
  string: 'string',
  date: 'date',
  timestamp: 'timestamp',
  int32: 'int',
  int64: 'bigint',
  double: 'double',
  boolean: 'boolean',
  json: 'string'
};

/**
 * What a lambda's Terraform root reads (`apps/<lambda>/terraform/table-columns.json`) to type its
 * Glue tables: the table's columns with their Hive types, in order; its key placeholders (the
 * partition keys of the all-checkpoints table); and, for each placeholder whose property is a string
 * enum, the enum's values (the partition projection's values; others come from the checkpoints
 * listed in the root's tfvars).
 */
export interface TerraformTable {
  readonly schema: string;
  readonly key_placeholders: readonly string[];
  readonly placeholder_values: Readonly<Record<string, readonly string[]>>;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

interface SchemaProperties {
  readonly properties?: Readonly<Record<string, { readonly enum?: readonly unknown[] }>>;
}

/** The generated `<camelTitle>Schema` of a table's schema (src/index.ts names them so). */
function schemaOf(table: TableDefinition): SchemaProperties {
  const name = `${table.title[0].toLowerCase()}${table.title.slice(1)}Schema`;
  const schema = (generated as Readonly<Record<string, unknown>>)[name];
  if (typeof schema !== 'object' || schema === null) {
    throw new Error(`@reporting/schemas has no ${name} for the table of "${table.schema}"`);
  }
  return schema as SchemaProperties;
}

/** The Terraform view of a table (see TerraformTable). */
export function terraformTable(table: TableDefinition): TerraformTable {
  const properties = schemaOf(table).properties ?? {};
  return {
    schema: table.schema,
    key_placeholders: [...table.keyPlaceholders],
    placeholder_values: Object.fromEntries(
      table.keyPlaceholders.map((placeholder) => {
        const values = properties[placeholder]?.enum ?? [];
        return [placeholder, values.filter((value): value is string => typeof value === 'string')];
      })
    ),
    columns: table.columns.map((column) => ({ name: column.name, type: HIVE_TYPES[column.type] }))
  };
}
