module "redcap_report" {
  source = "../../../terraform/modules/scheduled-api-lambda"

  name              = "${var.name_prefix}-${var.environment}-redcap-report"
  environment       = var.environment
  description       = "REDCap reports (API, on a schedule) -> typed parquet tables in S3."
  service_name      = "redcap-report"
  package_path      = coalesce(var.package_path, "${path.module}/../dist/redcap-report.zip")
  table_bucket_name = var.table_bucket_name
  table_prefix      = var.table_prefix
  reports           = var.reports
  schedule_timezone = var.schedule_timezone
  kms_key_arns      = var.kms_key_arns
  log_level         = var.log_level
  memory_size_mb    = var.memory_size_mb
  timeout_seconds   = var.timeout_seconds
  alarm_action_arns = var.alarm_action_arns
}
