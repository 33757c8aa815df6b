# Created before the function so Lambda never auto-creates it without a retention period.
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = var.description
  role             = var.role_arn
  filename         = var.package_path
  source_code_hash = filebase64sha256(var.package_path)
  handler          = var.handler
  runtime          = "nodejs22.x"
  architectures    = ["arm64"]
  memory_size      = var.memory_size_mb
  timeout          = var.timeout_seconds
  layers           = var.layers

  # -1 is the provider's "no reservation".
  reserved_concurrent_executions = var.reserved_concurrency == null ? -1 : var.reserved_concurrency

  environment {
    variables = var.environment
  }

  tracing_config {
    mode = "Active"
  }

  # Lambda's own lines (START, END, REPORT with init duration) as JSON too, beside the JSON the Powertools
  # logger writes, so Logs Insights queries fields of both. Log levels stay with LOG_LEVEL (Powertools).
  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this]
}
