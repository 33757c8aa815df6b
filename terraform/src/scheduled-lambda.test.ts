// Contract tests of the scheduled API lambdas (root modules deploying through
// terraform/modules/scheduled-api-lambda, e.g. apps/redcap-report), per environment.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attributeOf, decodeJson, firstBlock, originOf, resourcesOfType } from './deployment-model';
import { type PolicyStatement, evaluatePolicyDocument } from './iam-policy';
import { findLambdaDeployments, sameResource } from './lambda-deployment';
import type { ModuleInstance } from './module-instance';
import { REPO_ROOT, SCHEDULED_LAMBDA_CASES, instantiate } from './testing/fixtures';
import type { Value } from './terraform-value';

interface Report {
  name: string;
  parameterPath: string;
  tableKey: string;
  schedule: string;
}

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

const resourcesFor = (statements: readonly PolicyStatement[], action: string): Value[] =>
  statements
    .filter((statement) => statement.effect === 'Allow' && statement.actions.includes(action))
    .flatMap((statement) => statement.resources);

async function deployment(folder: string, environment: string) {
  const { root, environment: env } = await instantiate(folder, environment);
  const [lambda, ...others] = await findLambdaDeployments(root);
  expect(others).toEqual([]);
  const variables = lambda.environment ?? {};
  const reports = JSON.parse(String(variables.REPORTS)) as Report[];
  return { root, lambda, variables, reports, tfvars: env.values };
}

it('there is a scheduled lambda root module to check', () => {
  expect(SCHEDULED_LAMBDA_CASES.map((c) => c.folder)).toContain('apps/redcap-report/terraform');
});

describe("a scheduled lambda's role: its parameters, their keys, its table prefix, nothing else", () => {
  it.each(SCHEDULED_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, lambda, variables, reports, tfvars } = await deployment(folder, environment);
    const statements = await rolePolicyStatements(root, await attributeOf(lambda.function, 'role'));
    expect(new Set(statements.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions))).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'ssm:GetParametersByPath',
        'kms:Decrypt',
        's3:GetObject',
        's3:PutObject',
        's3:AbortMultipartUpload',
        's3:ListBucket'
      ])
    );
    expect(new Set(resourcesFor(statements, 'ssm:GetParametersByPath'))).toEqual(
      new Set(reports.map((r) => `arn:aws:ssm:us-west-2:123456789012:parameter${r.parameterPath}`))
    );
    const decrypt = statements.find((s) => s.actions.includes('kms:Decrypt'))!;
    expect(decrypt.resources).toEqual(tfvars.kms_key_arns);
    expect(decrypt.conditions).toEqual([
      { test: 'StringEquals', variable: 'kms:ViaService', values: ['ssm.us-west-2.amazonaws.com'] }
    ]);
    const bucket = `arn:aws:s3:::${String(variables.TABLE_BUCKET)}`;
    const prefix = String(tfvars.table_prefix);
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload']) {
      expect(resourcesFor(statements, action)).toEqual([`${bucket}/${prefix}*`]);
    }
    for (const report of reports) expect(report.tableKey.startsWith(prefix)).toBe(true);
    const list = statements.find((s) => s.actions.includes('s3:ListBucket'))!;
    expect(list.resources).toEqual([bucket]);
    expect(list.conditions).toEqual([{ test: 'StringLike', variable: 's3:prefix', values: [`${prefix}*`] }]);
    expect(resourcesFor(statements, 'logs:PutLogEvents')).toEqual([
      `arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/${String(lambda.functionName)}:*`
    ]);
  });
});

describe('one EventBridge schedule per report, whose input names the report, invoking only this function', () => {
  it.each(SCHEDULED_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, lambda, reports } = await deployment(folder, environment);
    const [schedule, ...others] = await resourcesOfType(root, 'aws_scheduler_schedule');
    expect(others).toEqual([]);
    const each = (await schedule.instance.evaluate(schedule.body.for_each)) as Record<string, Value>;
    expect(
      Object.entries(each).map(([name, value]) => {
        const entry = value as { expression: Value; input: Value };
        return { name, expression: entry.expression, input: decodeJson(entry.input) };
      })
    ).toEqual(reports.map((r) => ({ name: r.name, expression: r.schedule, input: { report: r.name } })));
    // The resource takes the expression and the input from that map, unchanged.
    expect(schedule.body.schedule_expression).toBe('${each.value.expression}');
    const target = firstBlock(await attributeOf(schedule, 'target'));
    expect(target !== undefined && 'input' in target).toBe(true);
    expect(JSON.stringify(schedule.body.target)).toContain('${each.value.input}');
    expect(sameResource(await originOf(root, target!.arn), lambda.function)).toBe(true);
    expect(firstBlock(target!.retry_policy)).toEqual({ maximum_retry_attempts: 0 });
    expect(firstBlock(await attributeOf(schedule, 'flexible_time_window'))).toEqual({ mode: 'OFF' });

    const schedulerStatements = await rolePolicyStatements(root, target!.role_arn);
    expect(schedulerStatements.map((s) => [s.effect, s.actions])).toEqual([
      ['Allow', ['lambda:InvokeFunction']]
    ]);
    expect(sameResource(await originOf(root, schedulerStatements[0].resources[0]), lambda.function)).toBe(
      true
    );
  });
});

describe('alarms per report on failed runs and schema drift, on the metrics the function emits', () => {
  it.each(SCHEDULED_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, variables, reports } = await deployment(folder, environment);
    const alarms = await resourcesOfType(root, 'aws_cloudwatch_metric_alarm');
    for (const metric of ['EventsFailed', 'SchemaDriftFailures']) {
      const alarm = alarms.find((a) => a.body.metric_name === metric);
      expect(alarm).toBeDefined();
      expect(await attributeOf(alarm!, 'namespace')).toBe(variables.POWERTOOLS_METRICS_NAMESPACE);
      expect(Object.keys((await alarm!.instance.evaluate(alarm!.body.for_each)) as object)).toEqual(
        reports.map((r) => r.name)
      );
      expect(JSON.stringify(alarm!.body.dimensions)).toContain('each.key');
    }
    expect(alarms.some((a) => a.body.metric_name === 'Errors')).toBe(true);
    // The alarmed metrics are the ones the app's handler emits, with the Report dimension.
    const app = /^apps\/([^/]+)\//.exec(folder)![1];
    const handler = fs.readFileSync(path.join(REPO_ROOT, 'apps', app, 'src', 'handler.ts'), 'utf8');
    expect(handler).toContain("addDimension('Report'");
    for (const metric of ['EventsFailed', 'SchemaDriftFailures'])
      expect(handler).toContain(`addMetric('${metric}'`);
  });
});
