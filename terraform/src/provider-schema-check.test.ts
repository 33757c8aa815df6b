import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkModuleAgainstSchema } from './provider-schema-check';
import { loadProviderSchema } from './provider-schema';
import { loadTerraformModule } from './terraform-module';

// Planted mistakes in small configurations, checked against the real snapshot: each kind of
// mistake `terraform validate` rejects must be reported, and valid configurations must not be.
const schema = loadProviderSchema();
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-schema-check-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function problemsOf(hcl: string): Promise<string[]> {
  const folder = path.join(dir, String(counter++));
  fs.mkdirSync(folder);
  const file = path.join(folder, 'main.tf');
  fs.writeFileSync(file, hcl);
  return checkModuleAgainstSchema(
    await loadTerraformModule({ dir: folder, tfFiles: [file], tfvarsFiles: [] }),
    schema
  );
}

const ALARM = (body: string): string => `resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "\${var.name_prefix}-errors"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  period              = var.period_seconds
  dimensions          = { FunctionName = var.function_name }
${body}
}
`;

const FUNCTION = (body: string): string => `resource "aws_lambda_function" "this" {
  function_name = "f"
  role          = aws_iam_role.this.arn
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = "f.zip"
${body}
}
`;

describe('checkModuleAgainstSchema accepts valid configurations', () => {
  it('with expressions, meta-arguments, blocks, dynamic blocks and convertible literals', async () => {
    const problems = await problemsOf(
      ALARM(
        '  count = 1\n  threshold = "1"\n  actions_enabled = "true"\n  lifecycle {\n    create_before_destroy = true\n  }'
      ) +
        FUNCTION(
          '  memory_size = 512\n  environment {\n    variables = { A = "1", B = 2 }\n  }\n' +
            '  dynamic "vpc_config" {\n    for_each = var.vpc\n    content {\n      subnet_ids = vpc_config.value.subnets\n      security_group_ids = []\n    }\n  }'
        ) +
        `data "aws_iam_policy_document" "p" {
  for_each = toset(["a"])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [var.queue_arn]
  }
}
`
    );
    expect(problems).toEqual([]);
  });
});

describe('checkModuleAgainstSchema reports planted mistakes', () => {
  it('an argument name with a same-length typo', async () => {
    expect(await problemsOf(ALARM('  treat_missing_date = "notBreaching"'))).toEqual([
      'aws_cloudwatch_metric_alarm.errors: unknown argument or block "treat_missing_date" (did you mean "treat_missing_data"?)'
    ]);
  });

  it('an argument written as a block', async () => {
    expect(await problemsOf(ALARM('  tags {\n    Team = "reporting"\n  }'))).toEqual([
      'aws_cloudwatch_metric_alarm.errors.tags: is an argument of type map(string), written as a block (use `= …`)'
    ]);
  });

  it('a block written as an argument', async () => {
    expect(await problemsOf(FUNCTION('  tracing_config = { mode = "Active" }'))).toEqual([
      'aws_lambda_function.this.tracing_config: is a block, written as an argument (write `tracing_config { … }`)'
    ]);
    expect(await problemsOf(FUNCTION('  environment = var.environment'))).toEqual([
      'aws_lambda_function.this.environment: is a block, written as an argument (write `environment { … }`)'
    ]);
  });

  it('a missing required argument, also in a nested block', async () => {
    const withoutRole = FUNCTION('').replace(/ {2}role .*\n/, '');
    expect(await problemsOf(withoutRole)).toEqual([
      'aws_lambda_function.this: missing required argument "role"'
    ]);
    const conditionWithoutTest = `data "aws_iam_policy_document" "p" {
  statement {
    condition {
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
`;
    expect(await problemsOf(conditionWithoutTest)).toEqual([
      'data.aws_iam_policy_document.p.statement.condition: missing required argument "test"'
    ]);
  });

  it('a missing required nested block', async () => {
    const table = `resource "aws_glue_catalog_table" "t" {
  name          = "t"
  database_name = "d"
  open_table_format_input {
  }
}
`;
    expect(await problemsOf(table)).toEqual([
      'aws_glue_catalog_table.t.open_table_format_input: missing required block "iceberg_input"'
    ]);
  });

  it('a literal of the wrong type', async () => {
    expect(await problemsOf(ALARM('  threshold = "one"'))).toEqual([
      `aws_cloudwatch_metric_alarm.errors.threshold: "one" is not a number (the argument's type is number)`
    ]);
    expect(await problemsOf(ALARM('  alarm_actions = "arn:aws:sns:us-west-2:1:t"'))).toEqual([
      `aws_cloudwatch_metric_alarm.errors.alarm_actions: "arn:aws:sns:us-west-2:1:t" is not a set (the argument's type is set(string))`
    ]);
    expect(await problemsOf(FUNCTION('  publish = "yes"'))).toEqual([
      `aws_lambda_function.this.publish: "yes" is not a bool (the argument's type is bool)`
    ]);
  });

  it('an unknown nested block, directly or as a dynamic block', async () => {
    expect(await problemsOf(FUNCTION('  tracing {\n    mode = "Active"\n  }'))).toEqual([
      'aws_lambda_function.this: unknown argument or block "tracing"'
    ]);
    expect(
      await problemsOf(
        FUNCTION(
          '  dynamic "vpc" {\n    for_each = var.vpc\n    content {\n      subnet_ids = []\n    }\n  }'
        )
      )
    ).toEqual(['aws_lambda_function.this.dynamic "vpc": "vpc" is not a block type']);
  });

  it('a mistake inside a dynamic block content', async () => {
    const dynamic =
      '  dynamic "vpc_config" {\n    for_each = var.vpc\n    content {\n      subnet_id = []\n      security_group_ids = []\n    }\n  }';
    expect(await problemsOf(FUNCTION(dynamic))).toEqual([
      'aws_lambda_function.this.dynamic "vpc_config".content: unknown argument or block "subnet_id" (did you mean "subnet_ids"?)',
      'aws_lambda_function.this.dynamic "vpc_config".content: missing required argument "subnet_ids"'
    ]);
  });

  it('more blocks than the provider allows', async () => {
    const twice =
      '  tracing_config {\n    mode = "Active"\n  }\n  tracing_config {\n    mode = "PassThrough"\n  }';
    expect(await problemsOf(FUNCTION(twice))).toEqual([
      'aws_lambda_function.this.tracing_config: 2 blocks, at most 1 allowed'
    ]);
  });

  it('a meta-argument of resources used on a data source', async () => {
    const data =
      'data "aws_region" "current" {\n  provisioner "local-exec" {\n    command = "true"\n  }\n}\n';
    expect(await problemsOf(data)).toEqual([
      'data.aws_region.current: unknown argument or block "provisioner"'
    ]);
  });

  it('a resource or data source type the snapshot does not cover', async () => {
    const problems = await problemsOf('resource "aws_sqs_queues" "q" {}\ndata "aws_regions" "r" {}\n');
    expect(problems).toEqual([
      expect.stringMatching(/^resource type aws_sqs_queues is not in the provider schema snapshot/),
      expect.stringMatching(/^data source type aws_regions is not in the provider schema snapshot/)
    ]);
  });
});
