import { EXPORTED_AT_COLUMN } from '@reporting/redcap';
import type { TableColumn, TableColumnType, TableDefinition } from '@reporting/schemas';

import { SchemaDriftError } from './schema-drift-error';

/** The two views of one run's table: what the CSV parser fills, and what the checkpoint engine writes. */
export interface RunTables {
  /** The dictionary's table plus the file's extra columns; `exported_at` a lineage column the parser fills. */
  readonly parse: TableDefinition;
  /**
   * The same columns with `exported_at` an ordinary column: the engine fills only its own lineage
   * columns (source key, version, ingestion time), so the export time travels in the rows.
   */
  readonly store: TableDefinition;
  /** Columns of the existing file the dictionary no longer has (null from this run on). */
  readonly removed: readonly string[];
  /** Columns of the dictionary the existing file lacks (added, null in older rows). */
  readonly added: readonly string[];
}

/** int32 and int64 read into each other's columns without loss: one family for drift. */
function family(type: TableColumnType): string {
  return type === 'int32' ? 'int64' : type;
}

/**
 * The table of one run: the data dictionary's table (`tableFromDataDictionary`) and, when a file
 * exists, every column of it the dictionary no longer has (OPTIONAL, same type, before
 * `exported_at`) so that no column is lost: a removed field is null from then on. A column whose
 * type the dictionary has changed → SchemaDriftError naming each one, before anything is read or written.
 */
export function tablesForRun(
  report: string,
  dictionaryTable: TableDefinition,
  fileColumns: readonly TableColumn[] | undefined
): RunTables {
  const byName = new Map(dictionaryTable.columns.map((column) => [column.name, column]));
  const changes: string[] = [];
  const extra: TableColumn[] = [];
  for (const column of fileColumns ?? []) {
    const wanted = byName.get(column.name);
    if (wanted === undefined) {
      extra.push({ ...column, repetition: 'OPTIONAL', lineage: false });
    } else if (family(wanted.type) !== family(column.type)) {
      changes.push(
        `column "${column.name}" is ${column.type} in the file, the dictionary now makes it ${wanted.type}`
      );
    }
  }
  if (changes.length > 0) throw new SchemaDriftError(report, changes);
  const fileNames = new Set((fileColumns ?? []).map((column) => column.name));
  const data = dictionaryTable.columns.filter((column) => column.name !== EXPORTED_AT_COLUMN);
  const exportedAt = dictionaryTable.columns.find((column) => column.name === EXPORTED_AT_COLUMN);
  if (exportedAt === undefined)
    throw new Error(`table ${dictionaryTable.schema} has no ${EXPORTED_AT_COLUMN} column`);
  const parse: TableDefinition = { ...dictionaryTable, columns: [...data, ...extra, exportedAt] };
  const store: TableDefinition = {
    ...parse,
    columns: [...data, ...extra, { ...exportedAt, lineage: false }]
  };
  return {
    parse,
    store,
    removed: extra.map((column) => column.name),
    added: fileColumns === undefined ? [] : data.filter((c) => !fileNames.has(c.name)).map((c) => c.name)
  };
}
