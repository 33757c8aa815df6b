/**
 * A parquet table derived from a JSON Schema at build time (scripts/tools/table-mapping.js; the
 * mapping is documented in schemas/README.md, "Tables"). The generated `<camelName>Table` of every
 * schema has this shape; the logical and converted types are spelled as parquet's (and hyparquet's)
 * schema elements spell them.
 */
/** Every column type the mapping produces (what `x-parquet.type` may name). */
export const TABLE_COLUMN_TYPES = [
  'string',
  'date',
  'timestamp',
  'int32',
  'int64',
  'double',
  'boolean',
  'json'
] as const;

export type TableColumnType = (typeof TABLE_COLUMN_TYPES)[number];

export type ParquetPhysicalType = 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';

export type ParquetConvertedType = 'UTF8' | 'DATE' | 'TIMESTAMP_MICROS' | 'JSON';

export type ParquetLogicalType =
  | { readonly type: 'STRING' }
  | { readonly type: 'DATE' }
  | { readonly type: 'JSON' }
  | { readonly type: 'TIMESTAMP'; readonly isAdjustedToUTC: true; readonly unit: 'MICROS' };

export interface TableColumn {
  readonly name: string;
  /** The mapped column type (what `x-parquet.type` names). */
  readonly type: TableColumnType;
  readonly physicalType: ParquetPhysicalType;
  readonly convertedType?: ParquetConvertedType;
  readonly logicalType?: ParquetLogicalType;
  /** OPTIONAL when the property is not required (and has no default) or its type includes "null". */
  readonly repetition: 'REQUIRED' | 'OPTIONAL';
  /** An enum of strings: dictionary-encoded. */
  readonly dictionary: boolean;
  /** A lineage column (which object a row came from, when it was ingested), not a schema property. */
  readonly lineage: boolean;
}

export interface TableDefinition {
  /** The schema's file name in schemas/definitions, without `.schema.json`. */
  readonly schema: string;
  readonly title: string;
  /** The schema's `x-version`. */
  readonly version: string;
  /** The schema's properties in declaration order, then the declared lineage columns. */
  readonly columns: readonly TableColumn[];
  /** The column rows are sorted by, or null. */
  readonly sortColumn: string | null;
  /** Properties the table's key template may use as `{placeholder}`s. */
  readonly keyPlaceholders: readonly string[];
}
