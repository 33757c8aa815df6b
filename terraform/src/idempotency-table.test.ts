import { attributeOf, firstBlock, resourcesOfType } from './deployment-model';
import { IDEMPOTENCY_ATTRIBUTES_USED_BY_CODE } from './idempotency-attributes';
import { findLambdaDeployments } from './lambda-deployment';
import { S3_LAMBDA_CASES, instantiate } from './testing/fixtures';

describe("the idempotency table's key and TTL attributes are the ones the code's persistence layer uses", () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const tables = await resourcesOfType(root, 'aws_dynamodb_table');
    for (const lambda of await findLambdaDeployments(root)) {
      const tableName = lambda.environment?.IDEMPOTENCY_TABLE;
      const matching = [];
      for (const table of tables) if ((await attributeOf(table, 'name')) === tableName) matching.push(table);
      expect(matching).toHaveLength(1);
      const table = matching[0];
      const { keyAttr, expiryAttr } = IDEMPOTENCY_ATTRIBUTES_USED_BY_CODE;
      expect(await attributeOf(table, 'hash_key')).toBe(keyAttr);
      expect(await attributeOf(table, 'attribute')).toEqual([{ name: keyAttr, type: 'S' }]);
      expect('range_key' in table.body).toBe(false);
      expect(firstBlock(await attributeOf(table, 'ttl'))).toEqual({
        attribute_name: expiryAttr,
        enabled: true
      });
    }
  });
});

describe('the idempotency table is on-demand, with point-in-time recovery and server-side encryption', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const tables = await resourcesOfType(root, 'aws_dynamodb_table');
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(await attributeOf(table, 'billing_mode')).toBe('PAY_PER_REQUEST');
      expect(firstBlock(await attributeOf(table, 'point_in_time_recovery'))?.enabled).toBe(true);
      expect(firstBlock(await attributeOf(table, 'server_side_encryption'))?.enabled).toBe(true);
    }
  });
});
