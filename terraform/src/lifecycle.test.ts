import { bucketsUsed, forBucket } from './bucket-model';
import { expandBlocks, firstBlock } from './deployment-model';
import { ENVIRONMENT_CASES, instantiate } from './testing/fixtures';
import { type Value, isObject } from './terraform-value';

/** An enabled rule that applies to the whole bucket (empty filter, no prefix). */
function wholeBucket(rule: { [key: string]: Value }): boolean {
  const filter = rule.filter;
  const empty =
    filter === undefined ||
    (Array.isArray(filter) && filter.every((f) => isObject(f) && Object.keys(f).length === 0));
  return rule.status === 'Enabled' && empty && rule.prefix === undefined;
}

describe('every bucket aborts incomplete multipart uploads after 1 day; every versioned bucket expires non-current versions', () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const { buckets } = await bucketsUsed(root);
    const found: { bucket: string; abortAfterDays: Value; noncurrentExpires: boolean | 'unversioned' }[] = [];
    for (const bucket of buckets) {
      const configurations = await forBucket(root, 'aws_s3_bucket_lifecycle_configuration', bucket);
      const rules = [];
      for (const configuration of configurations)
        rules.push(...(await expandBlocks(configuration.instance, configuration.body, 'rule')));
      const enabled = rules.filter(
        (rule): rule is { [key: string]: Value } => isObject(rule) && wholeBucket(rule)
      );
      const abort = enabled
        .map((rule) => firstBlock(rule.abort_incomplete_multipart_upload)?.days_after_initiation)
        .find((days) => days !== undefined);
      const versioned = (await forBucket(root, 'aws_s3_bucket_versioning', bucket)).length > 0;
      const noncurrent = enabled.some((rule) => {
        const days = firstBlock(rule.noncurrent_version_expiration)?.noncurrent_days;
        return typeof days === 'number' && days >= 1;
      });
      expect(configurations.length).toBeLessThanOrEqual(1); // S3 keeps one lifecycle configuration per bucket
      found.push({
        bucket,
        abortAfterDays: abort ?? null,
        noncurrentExpires: versioned ? noncurrent : 'unversioned'
      });
    }
    expect(found).toEqual(
      found.map(({ bucket, noncurrentExpires }) => ({
        bucket,
        abortAfterDays: 1,
        noncurrentExpires: noncurrentExpires === 'unversioned' ? 'unversioned' : true
      }))
    );
    // S3-triggered: the event and checkpoint buckets are versioned; a scheduled API lambda: its table bucket.
    const { eventBuckets } = await bucketsUsed(root);
    expect(found.filter((b) => b.noncurrentExpires !== 'unversioned').length).toBeGreaterThanOrEqual(
      eventBuckets.size > 0 ? 2 : 1
    );
  });
});
