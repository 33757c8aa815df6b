import { attributeOf, originOf, resourcesOfType } from './deployment-model';
import {
  type PolicyStatement,
  evaluatePolicyDocument,
  policySourceViolations,
  rawPolicyStatements,
  rawStatementViolations
} from './iam-policy';
import { findLambdaDeployments, findQueueTriggers, sameResource } from './lambda-deployment';
import type { ModuleInstance } from './module-instance';
import { S3_LAMBDA_CASES, MODULE_FOLDERS, instantiate, moduleAt } from './testing/fixtures';
import { Unknown, type Value } from './terraform-value';

describe('no IAM statement grants "*" or "service:*" actions or "*" resources for data', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const module = await moduleAt(folder);
    expect(rawPolicyStatements(module).flatMap(rawStatementViolations)).toEqual([]);
  });
});

describe('every policy is an aws_iam_policy_document (so the rules above see it), no managed policies', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    expect(policySourceViolations(await moduleAt(folder))).toEqual([]);
  });
});

describe('rawStatementViolations', () => {
  const check = (body: Record<string, unknown>): string[] => rawStatementViolations({ document: 'd', body });

  it('rejects wildcard actions', () => {
    expect(check({ actions: ['s3:*'], resources: ['arn:aws:s3:::b/p*'] })).toEqual([
      'aws_iam_policy_document.d: grants wildcard action s3:*'
    ]);
    expect(check({ actions: ['*'], resources: ['x'] })).toHaveLength(1);
  });

  it('rejects resource "*" for data actions but allows it for X-Ray', () => {
    expect(check({ actions: ['dynamodb:GetItem'], resources: ['*'] })).toEqual([
      'aws_iam_policy_document.d: resource "*" for dynamodb:GetItem'
    ]);
    expect(check({ actions: ['xray:PutTraceSegments'], resources: ['*'] })).toEqual([]);
  });

  it('rejects S3 access to every object of a bucket', () => {
    expect(check({ actions: ['s3:GetObject'], resources: ['${local.bucket_arn}/*'] })).toHaveLength(1);
    expect(check({ actions: ['s3:GetObject'], resources: ['${local.bucket_arn}/${var.prefix}*'] })).toEqual(
      []
    );
  });

  it('rejects actions that are expressions, and NotAction', () => {
    expect(check({ actions: '${var.actions}', resources: ['x'] })).toHaveLength(1);
    expect(
      check({ not_actions: ['s3:DeleteObject'], actions: ['s3:GetObject'], resources: ['x/p*'] })
    ).toHaveLength(1);
  });

  it('ignores Deny statements (the TLS-only bucket policy denies s3:*)', () => {
    expect(check({ effect: 'Deny', actions: ['s3:*'], resources: ['*'] })).toEqual([]);
  });
});

/** The statements of the policies attached (inline) to a lambda's role. */
async function rolePolicyStatements(root: ModuleInstance, role: Value): Promise<PolicyStatement[]> {
  const roleResource = await originOf(root, role);
  expect(roleResource?.type).toBe('aws_iam_role');
  const statements: PolicyStatement[] = [];
  for (const policy of await resourcesOfType(root, 'aws_iam_role_policy')) {
    const attachedTo = await originOf(root, await attributeOf(policy, 'role'));
    if (!sameResource(attachedTo, roleResource)) continue;
    const document = await originOf(root, await attributeOf(policy, 'policy'));
    expect(document?.type).toBe('aws_iam_policy_document');
    statements.push(...(await evaluatePolicyDocument(document!)));
  }
  return statements;
}

const S3_ARN = 'arn:aws:s3:::';

describe("each lambda's role grants exactly what it needs, on its own data only", () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const lambdas = await findLambdaDeployments(root);
    const triggers = await findQueueTriggers(root);
    expect(lambdas.length).toBeGreaterThan(0);
    for (const lambda of lambdas) {
      const env = lambda.environment ?? {};
      const source = `${S3_ARN}${String(env.SOURCE_BUCKET)}`;
      const checkpoints = `${S3_ARN}${String(env.CHECKPOINT_BUCKET)}`;
      const checkpointPrefix = String(env.CHECKPOINT_KEY_TEMPLATE).split('{')[0];
      const statements = await rolePolicyStatements(root, await attributeOf(lambda.function, 'role'));
      const allows = statements.filter((statement) => statement.effect === 'Allow');
      const resourcesFor = (action: string): Value[] =>
        allows
          .filter((statement) => statement.actions.includes(action))
          .flatMap((statement) => statement.resources);

      expect(new Set(allows.flatMap((statement) => statement.actions))).toEqual(
        new Set([
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          's3:GetObject',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:AbortMultipartUpload',
          's3:ListBucket',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes'
        ])
      );
      // Read: the event prefix (and the checkpoints, which are appended to). Write: checkpoints and errors only.
      expect(new Set(resourcesFor('s3:GetObjectVersion'))).toEqual(
        new Set([`${source}/${String(env.SOURCE_PREFIX)}*`])
      );
      expect(new Set(resourcesFor('s3:GetObject'))).toEqual(
        new Set([`${source}/${String(env.SOURCE_PREFIX)}*`, `${checkpoints}/${checkpointPrefix}*`])
      );
      expect(new Set(resourcesFor('s3:PutObject'))).toEqual(
        new Set([`${checkpoints}/${checkpointPrefix}*`, `${checkpoints}/${String(env.ERRORS_PREFIX)}*`])
      );
      // Key names only, so that a missing key answers 404 (acknowledged) rather than 403 (retried).
      expect(new Set(resourcesFor('s3:ListBucket'))).toEqual(new Set([checkpoints, source]));
      expect(resourcesFor('logs:PutLogEvents')).toEqual([
        `arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/${String(lambda.functionName)}:*`
      ]);

      // DynamoDB: item actions on the idempotency table named in IDEMPOTENCY_TABLE, nothing else.
      for (const resource of resourcesFor('dynamodb:GetItem')) {
        const table = await originOf(root, resource);
        expect(table?.type).toBe('aws_dynamodb_table');
        expect(await attributeOf(table!, 'name')).toBe(env.IDEMPOTENCY_TABLE);
      }

      // SQS: receive/delete on the queue that triggers this function only.
      const ownQueues = triggers.filter((trigger) => sameResource(trigger.lambda?.function, lambda.function));
      expect(ownQueues.length).toBeGreaterThan(0);
      for (const resource of resourcesFor('sqs:ReceiveMessage')) {
        const queue = await originOf(root, resource);
        expect(ownQueues.some((trigger) => sameResource(trigger.queue, queue))).toBe(true);
      }

      // "*" only for X-Ray; nothing unknown that is not a resource this stack creates.
      for (const statement of allows) {
        for (const resource of statement.resources) {
          if (resource === '*')
            expect(statement.actions.every((action) => action.startsWith('xray:'))).toBe(true);
          if (resource instanceof Unknown) expect(await originOf(root, resource)).toBeDefined();
        }
      }
    }
  });
});
