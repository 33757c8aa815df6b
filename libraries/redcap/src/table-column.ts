import type { TableColumn, TableColumnType } from '@reporting/schemas';

type ParquetSpelling = Pick<TableColumn, 'physicalType' | 'convertedType' | 'logicalType'>;

/**
 * Parquet's spelling of each column type, the same as the table mapping of `@reporting/schemas`
 * (schemas/scripts/tools/table-mapping.js, COLUMN_TYPES): a REDCap table and a schema table with the
 * same column types get the same schema elements from the checkpoint store.
 */
const PARQUET_SPELLING: Readonly<Record<TableColumnType, ParquetSpelling>> = {
  string: { physicalType: 'BYTE_ARRAY', convertedType: 'UTF8', logicalType: { type: 'STRING' } },
  date: { physicalType: 'INT32', convertedType: 'DATE', logicalType: { type: 'DATE' } },
  timestamp: {
    physicalType: 'INT64',
    convertedType: 'TIMESTAMP_MICROS',
    logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }
  },
  // Plain integers without an INTEGER logical type, as the schemas' mapping writes them.
  int32: { physicalType: 'INT32' },
  int64: { physicalType: 'INT64' },
  double: { physicalType: 'DOUBLE' },
  boolean: { physicalType: 'BOOLEAN' },
  json: { physicalType: 'BYTE_ARRAY', convertedType: 'JSON', logicalType: { type: 'JSON' } }
};

export interface ColumnTraits {
  readonly required?: boolean;
  readonly dictionary?: boolean;
  readonly lineage?: boolean;
}

/** One table column of a mapped type, spelled as `@reporting/schemas`' table definitions spell it. */
export function tableColumn(name: string, type: TableColumnType, traits: ColumnTraits = {}): TableColumn {
  const { physicalType, convertedType, logicalType } = PARQUET_SPELLING[type];
  return {
    name,
    type,
    physicalType,
    ...(convertedType === undefined ? {} : { convertedType }),
    ...(logicalType === undefined ? {} : { logicalType }),
    repetition: traits.required === true ? 'REQUIRED' : 'OPTIONAL',
    dictionary: traits.dictionary ?? false,
    lineage: traits.lineage ?? false
  };
}
