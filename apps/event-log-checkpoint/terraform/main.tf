module "reporting_lambda" {
  source = "../../../terraform/modules/reporting-lambda"

  name                    = "${var.name_prefix}-${var.environment}-event-log-checkpoint"
  environment             = var.environment
  description             = "S3 event-log files -> validated -> appended to checkpoint parquet files."
  service_name            = "event-log-checkpoint"
  package_path            = coalesce(var.package_path, "${path.module}/../dist/event-log-checkpoint.zip")
  analytics_database_name = replace("${var.name_prefix}_${var.environment}_event_log", "-", "_")

  source_bucket_name                        = var.source_bucket_name
  create_source_bucket                      = var.create_source_bucket
  source_bucket_additional_policy_documents = var.source_bucket_additional_policy_documents
  manage_source_bucket_notification         = var.manage_source_bucket_notification
  source_prefix                             = var.source_prefix
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
  # The analyst queries of src/analytics/analyst-queries.ts in Athena's SQL (a test runs both on one
  # checkpoint and compares the answers).
  named_queries = jsondecode(file("${path.module}/athena-named-queries.json"))

  # The lambda's table (Glue columns, key placeholders): table-columns.json, which the app's build
  # writes from the table its declaration exports (committed; a contract test fails when it is stale).
  table = jsondecode(file("${path.module}/table-columns.json"))
}
