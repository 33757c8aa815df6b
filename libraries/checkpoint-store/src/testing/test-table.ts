import { type TableColumn, type TableDefinition, tableColumn } from '@reporting/schemas';

/**
 * A table for tests: `columns`, then the engine's lineage columns (source_key, source_version,
 * ingested_at); no sort column, no key placeholders.
 */
export function testTable(schema: string, columns: readonly TableColumn[]): TableDefinition {
  return {
    schema,
    title: schema.charAt(0).toUpperCase() + schema.slice(1),
    version: '1.0.0',
    columns: [
      ...columns,
      tableColumn('source_key', 'string', { required: true, lineage: true }),
      tableColumn('source_version', 'string', { required: true, lineage: true }),
      tableColumn('ingested_at', 'timestamp', { required: true, lineage: true })
    ],
    sortColumn: null,
    keyPlaceholders: []
  };
}
