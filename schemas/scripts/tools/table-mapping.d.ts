import type { TableColumnType, TableDefinition } from '../../src/table-definition';

export function tableFromSchema(schemaName: string, schema: object): TableDefinition;
export function tablesFromSchemas(schemas: { name: string; schema: object }[]): Map<string, TableDefinition>;
export class TableMappingError extends Error {
  public readonly schemaName: string;
  public readonly property: string | undefined;
  public readonly rule: string;
}
export const KEYWORD: 'x-parquet';
export const COLUMN_TYPES: Record<TableColumnType, object>;
export const LINEAGE_COLUMNS: Record<string, TableColumnType>;
export const INT32_MIN: number;
export const INT32_MAX: number;
