import * as fs from 'node:fs';
import * as path from 'node:path';
import { type TableDefinition, type TerraformTable, terraformTable } from '@reporting/schemas';

// The table a lambda app declares (`recordLambda({ table, ... })`, exported by its package's main),
// and whether its Terraform root's table-columns.json (written by the app's build, committed) is that
// table's Glue view.

export const TABLE_COLUMNS_FILE = 'table-columns.json';

const isDeclaration = (value: unknown): value is { table: TableDefinition } =>
  typeof value === 'object' &&
  value !== null &&
  'table' in value &&
  typeof value.table === 'object' &&
  value.table !== null &&
  'columns' in value.table &&
  'keyPlaceholders' in value.table;

/** The table of the lambda in `appDir` (absolute): the one declaration its built main exports. */
export function appTable(appDir: string): TableDefinition {
  const { main } = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { main: string };
  const exported = require(path.join(appDir, main)) as Record<string, unknown>;
  const tables = [
    ...new Set(
      Object.values(exported)
        .filter(isDeclaration)
        .map((d) => d.table)
    )
  ];
  if (tables.length !== 1) {
    throw new Error(`${appDir}/${main} exports ${tables.length} lambda declarations; expected one`);
  }
  return tables[0];
}

/**
 * Why `file` (a root's table-columns.json) is not the Glue view of `table`, or undefined when it is.
 * A stale file would give Athena other columns than the checkpoints hold.
 */
export function staleTableColumns(file: string, table: TableDefinition): string | undefined {
  const expected: TerraformTable = terraformTable(table);
  if (!fs.existsSync(file)) return `${file} is missing: build the app (its build writes it), then commit it`;
  const actual = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (actual === JSON.stringify(expected)) return undefined;
  return (
    `${file} is stale: it is not the Glue view of the ${table.schema} table ` +
    `(expected ${JSON.stringify(expected)}); build the app (its build rewrites it), then commit it`
  );
}
