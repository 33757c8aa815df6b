import { COLUMN_TYPES } from '../scripts/tools/table-mapping';
import type { TableColumn, TableColumnType } from './table-definition';

type ParquetSpelling = Pick<TableColumn, 'physicalType' | 'convertedType' | 'logicalType'>;

export interface ColumnTraits {
  readonly required?: boolean;
  readonly dictionary?: boolean;
  readonly lineage?: boolean;
}

/**
 * One table column of a mapped type, spelled exactly as the schemas' table mapping spells it
 * (scripts/tools/table-mapping.js, COLUMN_TYPES: the one place), for tables built at run time (e.g.
 * from a REDCap data dictionary): the same column types give the same parquet schema elements.
 */
export function tableColumn(name: string, type: TableColumnType, traits: ColumnTraits = {}): TableColumn {
  const { physicalType, convertedType, logicalType } = COLUMN_TYPES[type] as ParquetSpelling;
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
