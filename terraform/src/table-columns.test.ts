import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HIVE_TYPES, labResultTable, visitEventTable } from '@reporting/schemas';
import { TABLE_COLUMNS_FILE, appTable, staleTableColumns } from './app-table';
import { attributeOf, expandBlocks, resourcesOfType } from './deployment-model';
import { REPO_ROOT, S3_LAMBDA_CASES, instantiate } from './testing/fixtures';
import { type Value, isObject } from './terraform-value';

// Lambdas with a table declared at build time (the S3-triggered record lambdas); the REDCap report
// lambda's columns come from its data dictionary at run time.
const ROOT_FOLDERS = [...new Set(S3_LAMBDA_CASES.map(({ folder }) => folder))];

describe("each app root's table-columns.json is the Glue view of the table its lambda declares", () => {
  it.each(ROOT_FOLDERS)('%s', (folder) => {
    const table = appTable(path.join(REPO_ROOT, path.dirname(folder)));
    expect(staleTableColumns(path.join(REPO_ROOT, folder, TABLE_COLUMNS_FILE), table)).toBeUndefined();
  });

  it('event-log-checkpoint declares the visit-event table', () => {
    expect(appTable(path.join(REPO_ROOT, 'apps/event-log-checkpoint')).schema).toBe('visit-event');
  });
});

describe('a stale table-columns.json is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'table-columns-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fresh = path.join(REPO_ROOT, 'apps/event-log-checkpoint/terraform', TABLE_COLUMNS_FILE);

  it('a column missing, retyped or of another table', () => {
    const file = path.join(dir, TABLE_COLUMNS_FILE);
    const current = JSON.parse(fs.readFileSync(fresh, 'utf8')) as {
      columns: { name: string; type: string }[];
    };
    fs.writeFileSync(file, JSON.stringify({ ...current, columns: current.columns.slice(1) }));
    expect(staleTableColumns(file, visitEventTable)).toMatch(/is stale: .* visit-event table/);
    const retyped = current.columns.map((c) => (c.name === 'pipeline_adcid' ? { ...c, type: 'bigint' } : c));
    fs.writeFileSync(file, JSON.stringify({ ...current, columns: retyped }));
    expect(staleTableColumns(file, visitEventTable)).toMatch(/is stale/);
    fs.copyFileSync(fresh, file);
    expect(staleTableColumns(file, visitEventTable)).toBeUndefined();
    expect(staleTableColumns(file, labResultTable)).toMatch(/is stale: .* lab-result table/);
  });

  it('a missing file', () => {
    expect(staleTableColumns(path.join(dir, 'none.json'), visitEventTable)).toMatch(/is missing/);
  });
});

describe("every Glue checkpoint table of each root has its lambda's table columns, Hive-typed; partitions = key placeholders", () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const table = appTable(path.join(REPO_ROOT, path.dirname(folder)));
    const hive = table.columns.map((column) => ({ name: column.name, type: HIVE_TYPES[column.type] }));
    const { root } = await instantiate(folder, environment);
    const glueTables = (await resourcesOfType(root, 'aws_glue_catalog_table')).filter(
      (t) => t.name === 'checkpoint' || t.name === 'all_checkpoints'
    );
    expect(glueTables.map((t) => t.name).sort()).toEqual(['all_checkpoints', 'checkpoint']);
    for (const glueTable of glueTables) {
      const storage = (glueTable.body.storage_descriptor as Record<string, unknown>[])[0];
      const columns = (await expandBlocks(glueTable.instance, storage as never, 'columns'))
        .filter(isObject)
        .map((column) => ({ name: column.name, type: column.type }));
      if (glueTable.name === 'checkpoint') {
        expect(columns).toEqual(hive);
        continue;
      }
      expect(columns).toEqual(hive.filter((column) => !table.keyPlaceholders.includes(column.name)));
      const partitions = await expandBlocks(glueTable.instance, glueTable.body, 'partition_keys');
      expect(partitions).toEqual(table.keyPlaceholders.map((name) => ({ name, type: 'string' })));
      const parameters = (await attributeOf(glueTable, 'parameters')) as Record<string, Value>;
      for (const key of table.keyPlaceholders) {
        expect(parameters[`projection.${key}.type`]).toBe('enum');
        expect(String(parameters[`projection.${key}.values`]).length).toBeGreaterThan(0);
        expect(String(parameters['storage.location.template'])).toContain(`\${${key}}`);
      }
    }
  });
});
