# One scheduled API lambda (e.g. the REDCap report lambda): a table bucket, a least-privilege role
# (SSM parameters of its reports, their KMS keys, its table prefix), the function, one EventBridge
# Scheduler schedule per report, and alarms on failed runs and schema drift per report.
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  s3_arn        = "arn:${data.aws_partition.current.partition}:s3:::"
  table_arn     = "${local.s3_arn}${var.table_bucket_name}"
  ssm_arn       = "arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:parameter"
  log_group_arn = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${var.name}"

  # REPORTS of schemas/definitions/redcap-report-config.schema.json (a test checks the environment against it).
  reports_config = [
    for report in var.reports : merge(
      {
        name          = report.name
        parameterPath = report.parameter_path
        mode          = report.mode
        tableKey      = report.table_key
        schedule      = report.schedule
      },
      report.report_id == null ? { allRecords = true } : { reportId = report.report_id }
    )
  ]
  function_environment = {
    TABLE_BUCKET                 = module.table_bucket.bucket_name
    REPORTS                      = jsonencode(local.reports_config)
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_SERVICE_NAME      = var.service_name
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }
  # One schedule per report; its input is what the handler reads: {"report": "<name>"}.
  schedules = {
    for report in var.reports : report.name => {
      expression = report.schedule
      input      = jsonencode({ report = report.name })
    }
  }
  parameter_paths = distinct([for report in var.reports : report.parameter_path])
}

module "table_bucket" {
  source = "../s3-bucket"

  bucket_name                        = var.table_bucket_name
  versioning_enabled                 = true
  noncurrent_version_expiration_days = var.table_version_retention_days
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "WriteOwnLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:*"]
  }

  # X-Ray has no resource-level permissions: "*" is the only accepted resource. Not data access.
  statement {
    sid       = "WriteTraces"
    effect    = "Allow"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  # URL and token of each report's project: <path>/url and <path>/token, read by path.
  statement {
    sid       = "ReadApiCredentials"
    effect    = "Allow"
    actions   = ["ssm:GetParametersByPath"]
    resources = [for path in local.parameter_paths : "${local.ssm_arn}${path}"]
  }

  # The SecureString token, decrypted by SSM on the function's behalf only.
  statement {
    sid       = "DecryptApiTokens"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = var.kms_key_arns

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${data.aws_region.current.name}.amazonaws.com"]
    }
  }

  statement {
    sid       = "ReadWriteTables"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${local.table_arn}/${var.table_prefix}*"]
  }

  # Key names under the table prefix only, so that a missing table answers 404 rather than 403.
  statement {
    sid       = "ListTablePrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.table_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.table_prefix}*"]
    }
  }
}

resource "aws_iam_role_policy" "permissions" {
  name   = "${var.name}-permissions"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.permissions.json
}

module "function" {
  source = "../lambda-function"

  function_name        = var.name
  description          = var.description
  package_path         = var.package_path
  handler              = "index.handler"
  role_arn             = aws_iam_role.this.arn
  memory_size_mb       = var.memory_size_mb
  timeout_seconds      = var.timeout_seconds
  reserved_concurrency = var.reserved_concurrency
  log_retention_days   = var.log_retention_days
  environment          = local.function_environment
  tags                 = var.tags
}

data "aws_iam_policy_document" "scheduler_assume_role" {
  statement {
    sid     = "SchedulerAssumesRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name                 = "${var.name}-scheduler"
  assume_role_policy   = data.aws_iam_policy_document.scheduler_assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeTheFunction"
    effect    = "Allow"
    actions   = ["lambda:InvokeFunction"]
    resources = [module.function.function_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "${var.name}-scheduler"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "report" {
  for_each = local.schedules

  name                         = "${var.name}-${each.key}"
  description                  = "Exports report ${each.key}."
  schedule_expression          = each.value.expression
  schedule_expression_timezone = var.schedule_timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = module.function.function_arn
    role_arn = aws_iam_role.scheduler.arn
    input    = each.value.input

    # A failed run answers 500 (nothing written); the next scheduled run is the retry.
    retry_policy {
      maximum_retry_attempts = 0
    }
  }
}

locals {
  alarm_actions = var.alarm_action_arns
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.name}-errors"
  alarm_description   = "The function failed (crashed or timed out) on an invocation."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = module.function.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "failed_runs" {
  for_each = local.schedules

  alarm_name          = "${var.name}-${each.key}-failed"
  alarm_description   = "A run of report ${each.key} failed and wrote nothing (see the function log)."
  namespace           = var.metrics_namespace
  metric_name         = "EventsFailed"
  dimensions          = { service = var.service_name, Report = each.key }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "schema_drift" {
  for_each = local.schedules

  alarm_name          = "${var.name}-${each.key}-schema-drift"
  alarm_description   = "The data dictionary of report ${each.key} changed a column's type: runs fail until the table is migrated."
  namespace           = var.metrics_namespace
  metric_name         = "SchemaDriftFailures"
  dimensions          = { service = var.service_name, Report = each.key }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
