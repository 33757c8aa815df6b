module "reporting_lambda" {
  source = "../../../terraform/modules/reporting-lambda"

  name         = "${var.name_prefix}-${var.environment}-template"
  environment  = var.environment
  description  = "S3 JSON, NDJSON and CSV files -> validated against their schema -> appended to checkpoint parquet files."
  service_name = "template"
  package_path = coalesce(var.package_path, "${path.module}/../dist/template.zip")

  source_bucket_name                        = var.source_bucket_name
  create_source_bucket                      = var.create_source_bucket
  source_bucket_additional_policy_documents = var.source_bucket_additional_policy_documents
  manage_source_bucket_notification         = var.manage_source_bucket_notification
  source_prefix                             = var.source_prefix
  source_suffix                             = "" # every key: .json, .ndjson, .jsonl and .csv files are read
  checkpoint_bucket_name                    = var.checkpoint_bucket_name
  athena_results_bucket_name                = var.athena_results_bucket_name
  checkpoint_tables                         = var.checkpoint_tables
  log_level                                 = var.log_level
  memory_size_mb                            = var.memory_size_mb
  timeout_seconds                           = var.timeout_seconds
  reserved_concurrency                      = var.reserved_concurrency
  maximum_concurrency                       = var.maximum_concurrency
  batch_size                                = var.batch_size
  maximum_batching_window_seconds           = var.maximum_batching_window_seconds
  log_retention_days                        = var.log_retention_days
  idempotency_table_deletion_protection     = var.idempotency_table_deletion_protection
  create_alarm_topic                        = var.create_alarm_topic
  alarm_email_endpoints                     = var.alarm_email_endpoints
  alarm_action_arns                         = var.alarm_action_arns
  oldest_message_age_threshold_seconds      = var.oldest_message_age_threshold_seconds

  # The lambda's table (Glue columns, key placeholders): table-columns.json, which the app's build
  # writes from the table its declaration exports (committed; a contract test fails when it is stale).
  table = jsondecode(file("${path.module}/table-columns.json"))
}
