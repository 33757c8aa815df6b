import {
  type ResourceInstance,
  attributeOf,
  firstBlock,
  instanceCount,
  resourcesOfType
} from './deployment-model';
import { findLambdaDeployments } from './lambda-deployment';
import type { ModuleInstance } from './module-instance';

// The buckets a deployment uses and the resources configuring each (bucket tests).

/** The resources of `type` (with count > 0) whose `bucket` attribute is `bucket`. */
export async function forBucket(
  root: ModuleInstance,
  type: string,
  bucket: string
): Promise<ResourceInstance[]> {
  const found: ResourceInstance[] = [];
  for (const resource of await resourcesOfType(root, type)) {
    if ((await attributeOf(resource, 'bucket')) === bucket && (await instanceCount(resource)) !== 0)
      found.push(resource);
  }
  return found;
}

/** Every bucket the deployment uses: created ones, the lambdas' buckets, Athena result buckets. */
export async function bucketsUsed(
  root: ModuleInstance
): Promise<{ buckets: Set<string>; eventBuckets: Set<string> }> {
  const buckets = new Set<string>();
  const eventBuckets = new Set<string>();
  for (const bucket of await resourcesOfType(root, 'aws_s3_bucket'))
    buckets.add(String(await attributeOf(bucket, 'bucket')));
  for (const lambda of await findLambdaDeployments(root)) {
    const env = lambda.environment ?? {};
    // S3-triggered lambdas read SOURCE_BUCKET and write CHECKPOINT_BUCKET; scheduled API lambdas write TABLE_BUCKET.
    if (env.SOURCE_BUCKET !== undefined) eventBuckets.add(String(env.SOURCE_BUCKET));
    for (const name of ['SOURCE_BUCKET', 'CHECKPOINT_BUCKET', 'TABLE_BUCKET']) {
      if (env[name] !== undefined) buckets.add(String(env[name]));
    }
  }
  for (const workgroup of await resourcesOfType(root, 'aws_athena_workgroup')) {
    const result = firstBlock(
      firstBlock(await attributeOf(workgroup, 'configuration'))?.result_configuration
    );
    const location = /^s3:\/\/([^/]+)\//.exec(String(result?.output_location));
    if (!location)
      throw new Error(`Athena output location ${String(result?.output_location)} is not s3://bucket/…`);
    buckets.add(location[1]);
  }
  return { buckets, eventBuckets };
}
