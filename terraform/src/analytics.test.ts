import { attributeOf, firstBlock, resourcesOfType } from './deployment-model';
import { findLambdaDeployments } from './lambda-deployment';
import { S3_LAMBDA_CASES, instantiate } from './testing/fixtures';
import { type Value, isObject } from './terraform-value';

describe('one Athena table per checkpoint folder (parquet SerDe), and a workgroup with encrypted results', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    // The per-folder tables (the all-checkpoints and quarantine tables: analyst-tables.test.ts).
    const tables = (await resourcesOfType(root, 'aws_glue_catalog_table')).filter(
      (table) => 'for_each' in table.body
    );
    expect(tables.length).toBeGreaterThan(0);
    const env = (await findLambdaDeployments(root))[0].environment ?? {};
    const template = String(env.CHECKPOINT_KEY_TEMPLATE);
    for (const table of tables) {
      const locations = await table.instance.evaluate(table.body.for_each);
      expect(isObject(locations)).toBe(true);
      const storage = table.body.storage_descriptor as Record<string, unknown>[];
      const serde = (storage[0].ser_de_info as Record<string, unknown>[])[0];
      expect(serde.serialization_library).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
      expect(storage[0].input_format).toBe('org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat');
      expect(await attributeOf(table, 'table_type')).toBe('EXTERNAL_TABLE');

      // Each table's folder is the folder of one checkpoint key: CHECKPOINT_KEY_TEMPLATE with a value
      // for each placeholder; the table is named by those values.
      const bucket = await table.instance.variable('checkpoint_bucket_name');
      expect(bucket).toBe(env.CHECKPOINT_BUCKET);
      // Segment by segment: a {placeholder} segment takes a value, a literal one stays.
      const folder = template.slice(0, template.lastIndexOf('/')).split('/');
      expect(folder.some((segment) => /^\{\w+\}$/.test(segment))).toBe(true);
      for (const [name, prefix] of Object.entries(locations as Record<string, Value>)) {
        const segments = String(prefix).slice(0, -1).split('/');
        expect(segments).toHaveLength(folder.length);
        const values = segments.filter((segment, i) => {
          if (/^\{\w+\}$/.test(folder[i])) return true;
          expect(segment).toBe(folder[i]);
          return false;
        });
        expect(name).toBe(values.map((value) => value.replace(/-/g, '_')).join('_'));
      }
    }
    for (const workgroup of await resourcesOfType(root, 'aws_athena_workgroup')) {
      const configuration = firstBlock(await attributeOf(workgroup, 'configuration'));
      expect(configuration?.enforce_workgroup_configuration).toBe(true);
      const result = firstBlock(configuration?.result_configuration as Value);
      expect(firstBlock(result?.encryption_configuration as Value)?.encryption_option).toMatch(
        /^(SSE_S3|SSE_KMS|CSE_KMS)$/
      );
    }
  });
});
