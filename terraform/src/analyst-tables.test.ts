import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIVE_TYPES, visitEventTable } from '@reporting/schemas';
import { quarantineKey, quarantineRecord } from '@reporting/lambda-runtime';
import { VISIT_EVENT_DATATYPES } from '@reporting/schemas';
import {
  type ResourceInstance,
  attributeOf,
  expandBlocks,
  originOf,
  resourcesOfType
} from './deployment-model';
import { appTable } from './app-table';
import { findLambdaDeployments } from './lambda-deployment';
import type { ModuleInstance } from './module-instance';
import { S3_LAMBDA_CASES, REPO_ROOT, instantiate } from './testing/fixtures';
import { type Value, isObject } from './terraform-value';

async function tableNamed(root: ModuleInstance, resourceName: string): Promise<ResourceInstance> {
  const found = (await resourcesOfType(root, 'aws_glue_catalog_table')).filter(
    (t) => t.name === resourceName
  );
  expect(found).toHaveLength(1);
  return found[0];
}

/** The columns of a table's storage descriptor (a `dynamic "columns"` over a list of objects). */
async function columnsOf(table: ResourceInstance): Promise<{ name: Value; type: Value }[]> {
  const storage = (table.body.storage_descriptor as Record<string, unknown>[])[0];
  const columns = await expandBlocks(table.instance, storage as never, 'columns');
  return columns.filter(isObject).map((column) => ({ name: column.name, type: column.type }));
}

/** The SerDe library (a literal) of a table; read from the body, whose nested dynamic blocks stay unevaluated. */
const serdeOf = (table: ResourceInstance): unknown =>
  (
    (table.body.storage_descriptor as Record<string, unknown>[])[0].ser_de_info as Record<string, unknown>[]
  )[0].serialization_library;

/** Athena's `storage.location.template` with the partition values filled in. */
const fill = (template: Value, values: Record<string, string>): string =>
  String(template).replace(/\$\{(\w+)\}/g, (_, key: string) => values[key] ?? `<no ${key}>`);

/** The lambda table of a root (apps/<app>/terraform). */
const tableOf = (folder: string) => appTable(path.join(REPO_ROOT, path.dirname(folder)));

// Visit-event lambdas in detail; table-columns.test.ts checks every root against its own table.
const VISIT_EVENT_CASES = S3_LAMBDA_CASES.filter(({ folder }) => tableOf(folder).schema === 'visit-event');

describe('visit events: one table over every checkpoint, partitions study and datatype (enum projections), the checkpoint columns, parquet', () => {
  it.each(VISIT_EVENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const table = await tableNamed(root, 'all_checkpoints');
    const env = (await findLambdaDeployments(root))[0].environment ?? {};
    const parameters = (await attributeOf(table, 'parameters')) as Record<string, Value>;
    const partitionKeys = await expandBlocks(table.instance, table.body, 'partition_keys');
    expect(partitionKeys).toEqual([
      { name: 'study', type: 'string' },
      { name: 'datatype', type: 'string' }
    ]);
    expect(parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.study.type': 'enum',
      'projection.datatype.type': 'enum'
    });
    expect(String(parameters['projection.datatype.values']).split(',')).toEqual([...VISIT_EVENT_DATATYPES]);

    // Every per-checkpoint table's study is projected, and the projected folder of each pair is the
    // folder the lambda writes that checkpoint to (CHECKPOINT_KEY_TEMPLATE).
    const studies = String(parameters['projection.study.values']).split(',');
    const perFolder = (await resourcesOfType(root, 'aws_glue_catalog_table')).find(
      (t) => t.name === 'checkpoint'
    );
    const folders = (await perFolder!.instance.evaluate(perFolder!.body.for_each)) as Record<string, string>;
    expect(Object.keys(folders).length).toBeGreaterThan(0);
    for (const prefix of Object.values(folders)) {
      const [, study, datatype] = /^checkpoints\/([^/]+)\/([^/]+)\/$/.exec(prefix) ?? [];
      expect(studies).toContain(study);
      const key = String(env.CHECKPOINT_KEY_TEMPLATE)
        .replace('{study}', study)
        .replace('{datatype}', datatype);
      expect(fill(parameters['storage.location.template'], { study, datatype })).toBe(
        `s3://${String(env.CHECKPOINT_BUCKET)}/${key.slice(0, key.lastIndexOf('/') + 1)}`
      );
    }

    expect(await columnsOf(table)).toEqual(
      visitEventTable.columns
        .filter((c) => c.name !== 'study' && c.name !== 'datatype')
        .map((c) => ({
          name: c.name,
          type: HIVE_TYPES[c.type]
        }))
    );
    expect(serdeOf(table)).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
  });
});

describe('a JSON table over the quarantine records, projected on dt, with the fields of QuarantineRecord', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const table = await tableNamed(root, 'quarantine');
    const env = (await findLambdaDeployments(root))[0].environment ?? {};
    const parameters = (await attributeOf(table, 'parameters')) as Record<string, Value>;
    expect(parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy-MM-dd',
      'projection.dt.interval': '1',
      'projection.dt.interval.unit': 'DAYS'
    });
    expect(String(parameters['projection.dt.range'])).toMatch(/^\d{4}-\d{2}-\d{2},NOW$/);
    expect(await expandBlocks(table.instance, table.body, 'partition_keys')).toMatchObject([
      { name: 'dt', type: 'string' }
    ]);

    // Where the lambda writes a record of that day is the projected folder of that day.
    const at = new Date('2024-05-06T07:08:09Z');
    const object = { bucket: String(env.SOURCE_BUCKET), key: 'prod/x.json', versionId: 'v1', etag: '"e"' };
    const key = quarantineKey(String(env.ERRORS_PREFIX), object, at);
    expect(fill(parameters['storage.location.template'], { dt: '2024-05-06' })).toBe(
      `s3://${String(env.CHECKPOINT_BUCKET)}/${key.slice(0, key.lastIndexOf('/') + 1)}`
    );

    // The columns are the record's fields, typed as JSON gives them.
    const record = quarantineRecord(object, ['a reason'], at) as unknown as Record<string, unknown>;
    expect(await columnsOf(table)).toEqual(
      Object.entries(record).map(([name, value]) => ({
        name,
        type: Array.isArray(value) ? 'array<string>' : 'string'
      }))
    );
    expect(serdeOf(table)).toBe('org.openx.data.jsonserde.JsonSerDe');
  });
});

describe("Athena named queries: the app's analyst queries, over one checkpoint of the all-checkpoints table", () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const all = await tableNamed(root, 'all_checkpoints');
    const database = await attributeOf(all, 'database_name');
    const where = tableOf(folder)
      .keyPlaceholders.map((key) => `${key} = ?`)
      .join(' AND ');
    const oneCheckpoint = `(SELECT * FROM "${String(database)}"."${String(await attributeOf(all, 'name'))}" WHERE ${where}) AS events`;
    const queries: Record<string, Value> = {};
    for (const query of await resourcesOfType(root, 'aws_athena_named_query')) {
      const each = (await query.instance.evaluate(query.body.for_each)) as Record<string, Value>;
      for (const [name, value] of Object.entries(each)) {
        const sql = String((value as Record<string, Value>).sql).replace('{checkpoint}', oneCheckpoint);
        queries[name] = sql;
      }
      const workgroup = await originOf(root, await attributeOf(query, 'workgroup'));
      expect(workgroup?.type).toBe('aws_athena_workgroup');
    }
    if (folder !== 'apps/event-log-checkpoint/terraform') return;
    // Exactly the queries of the app's athena-named-queries.json (whose test ties them to the app's
    // analyst queries), each reading one checkpoint.
    const source = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, folder, 'athena-named-queries.json'), 'utf8')
    ) as Record<string, { sql: string }>;
    expect(Object.keys(queries).sort()).toEqual(Object.keys(source).sort());
    for (const [name, sql] of Object.entries(queries)) {
      expect(source[name].sql).toContain('{checkpoint}');
      expect(sql).toBe(source[name].sql.replace('{checkpoint}', oneCheckpoint));
    }
  });
});
