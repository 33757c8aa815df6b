import { CheckpointTable } from '@reporting/checkpoint-store';
import { renderCheckpointKey } from '@reporting/lambda-runtime';
import type { TableDefinition } from '@reporting/schemas';

/** `tables/<app>/{p1}/{p2}/records.parquet` over the table's key placeholders: the tests' CHECKPOINT_KEY_TEMPLATE. */
export const keyTemplateOf = (table: TableDefinition, root: string): string =>
  `${root}/${table.keyPlaceholders.map((name) => `{${name}}`).join('/')}/records.parquet`;

/** A record's values of the table's key placeholders, as the runtime routes by them. */
export function placeholderValues(table: TableDefinition, record: object): Record<string, string> {
  return Object.fromEntries(
    table.keyPlaceholders.map((name) => [name, String((record as Record<string, unknown>)[name])])
  );
}

/** The checkpoint a record lands in under a CHECKPOINT_KEY_TEMPLATE. */
export const checkpointOf = (keyTemplate: string, table: TableDefinition, record: object): string =>
  renderCheckpointKey(keyTemplate, placeholderValues(table, record));

/** A validated record's row by the table's mapping (what the runtime appends). */
export const rowOf = (table: TableDefinition, record: object): Record<string, unknown> =>
  CheckpointTable.of(table).rowFromRecord(record as Record<string, unknown>);

/** Rows without the lineage columns (which object, when): what the record itself decides. */
export function withoutLineage(
  table: TableDefinition,
  row: Record<string, unknown>
): Record<string, unknown> {
  const lineage = new Set(table.columns.filter((column) => column.lineage).map((column) => column.name));
  return Object.fromEntries(Object.entries(row).filter(([name]) => !lineage.has(name)));
}

/** A stable text of a row (bigints as text), to compare rows whatever their order. */
export const rowText = (row: Record<string, unknown>): string =>
  JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
