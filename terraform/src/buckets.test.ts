import { bucketsUsed, forBucket } from './bucket-model';
import { attributeOf, firstBlock, originOf } from './deployment-model';
import { evaluatePolicyDocument } from './iam-policy';
import { ENVIRONMENT_CASES, MODULE_FOLDERS, instantiate, moduleAt } from './testing/fixtures';
import { type Value, isObject } from './terraform-value';

const BUCKET_PROTECTIONS = [
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_policy'
];

describe('every module that creates a bucket also blocks public access, encrypts it and writes its policy', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const module = await moduleAt(folder);
    if (!module.resources.aws_s3_bucket) return;
    expect(BUCKET_PROTECTIONS.filter((type) => !module.resources[type])).toEqual([]);
  });
});

const isTlsOnlyDeny = (
  statement: Awaited<ReturnType<typeof evaluatePolicyDocument>>[number],
  arn: string
): boolean =>
  statement.effect === 'Deny' &&
  statement.actions.includes('s3:*') &&
  [arn, `${arn}/*`].every((resource) => statement.resources.includes(resource)) &&
  statement.principals.some((principal) => principal.type === '*' && principal.identifiers.includes('*')) &&
  statement.conditions.some(
    (condition) =>
      condition.test === 'Bool' &&
      condition.variable === 'aws:SecureTransport' &&
      condition.values.includes('false')
  );

describe('every bucket blocks public access, accepts TLS only and is encrypted; the event bucket is versioned', () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const { buckets, eventBuckets } = await bucketsUsed(root);
    // S3-triggered: source, checkpoints, Athena results; a scheduled API lambda: its table bucket.
    expect(buckets.size).toBeGreaterThanOrEqual(eventBuckets.size > 0 ? 3 : 1);
    for (const bucket of buckets) {
      const publicAccess = await forBucket(root, 'aws_s3_bucket_public_access_block', bucket);
      expect({ bucket, publicAccessBlocks: publicAccess.length }).toEqual({ bucket, publicAccessBlocks: 1 });
      for (const setting of [
        'block_public_acls',
        'block_public_policy',
        'ignore_public_acls',
        'restrict_public_buckets'
      ]) {
        expect({ bucket, setting, value: await attributeOf(publicAccess[0], setting) }).toEqual({
          bucket,
          setting,
          value: true
        });
      }

      const encryption = await forBucket(root, 'aws_s3_bucket_server_side_encryption_configuration', bucket);
      expect(encryption).toHaveLength(1);
      const rule = firstBlock(await attributeOf(encryption[0], 'rule'));
      const algorithm = firstBlock(rule?.apply_server_side_encryption_by_default as Value)?.sse_algorithm;
      expect(['AES256', 'aws:kms', 'aws:kms:dsse']).toContain(algorithm);

      const policies = await forBucket(root, 'aws_s3_bucket_policy', bucket);
      expect(policies).toHaveLength(1);
      const document = await originOf(root, await attributeOf(policies[0], 'policy'));
      const statements = await evaluatePolicyDocument(document!);
      expect({
        bucket,
        tlsOnly: statements.some((statement) => isTlsOnlyDeny(statement, `arn:aws:s3:::${bucket}`))
      }).toEqual({
        bucket,
        tlsOnly: true
      });
    }
    for (const bucket of eventBuckets) {
      const versioning = await forBucket(root, 'aws_s3_bucket_versioning', bucket);
      expect(versioning).toHaveLength(1);
      const configuration = firstBlock(await attributeOf(versioning[0], 'versioning_configuration'));
      expect(isObject(configuration ?? null) && configuration?.status).toBe('Enabled');
    }
  });
});
