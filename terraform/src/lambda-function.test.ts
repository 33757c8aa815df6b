import * as path from 'node:path';
import { attributeOf, firstBlock, resourcesOfType } from './deployment-model';
import { findLambdaDeployments } from './lambda-deployment';
import { ENVIRONMENT_CASES, REPO_ROOT, instantiate } from './testing/fixtures';

describe('each lambda runs nodejs22.x on arm64 with X-Ray tracing and the bundle `rush package` builds', () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, rootModule } = await instantiate(folder, environment);
    for (const { function: lambda } of await findLambdaDeployments(root)) {
      expect(await attributeOf(lambda, 'runtime')).toBe('nodejs22.x');
      expect(await attributeOf(lambda, 'architectures')).toEqual(['arm64']);
      expect(await attributeOf(lambda, 'handler')).toBe('index.handler');
      expect(firstBlock(await attributeOf(lambda, 'tracing_config'))?.mode).toBe('Active');
      const bundle = path.resolve(String(await attributeOf(lambda, 'filename')));
      const app = rootModule.app;
      expect(path.relative(REPO_ROOT, bundle)).toBe(path.join('apps', app, 'dist', `${app}.zip`));
    }
  });
});

describe('each lambda has its log group, with a retention period, managed by Terraform', () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const groups = await resourcesOfType(root, 'aws_cloudwatch_log_group');
    for (const lambda of await findLambdaDeployments(root)) {
      const expected = `/aws/lambda/${String(lambda.functionName)}`;
      const matching = [];
      for (const group of groups) if ((await attributeOf(group, 'name')) === expected) matching.push(group);
      expect(matching).toHaveLength(1);
      expect(await attributeOf(matching[0], 'retention_in_days')).toBeGreaterThan(0);
      expect(await attributeOf(lambda.function, 'memory_size')).toBeGreaterThanOrEqual(128);
    }
  });
});

describe("each lambda logs in Lambda's JSON log format to its managed log group", () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    for (const lambda of await findLambdaDeployments(root)) {
      const logging = firstBlock(await attributeOf(lambda.function, 'logging_config'));
      expect({ logFormat: logging?.log_format, logGroup: logging?.log_group }).toEqual({
        logFormat: 'JSON',
        logGroup: `/aws/lambda/${String(lambda.functionName)}`
      });
    }
  });
});
