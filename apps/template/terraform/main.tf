locals {
  name         = "${var.name_prefix}-${var.environment}-template"
  package_path = coalesce(var.package_path, "${path.module}/../dist/template.zip")

  # "checkpoints/{study}/{datatype}/events.parquet" -> "checkpoints/" (IAM scope) and
  # "checkpoints/{study}/{datatype}/" (one Athena table per folder).
  checkpoint_prefix = regex("^[^{]*/", var.checkpoint_key_template)
  checkpoint_folder = regex("^(.*/)[^/]*$", var.checkpoint_key_template)[0]
  checkpoint_tables = {
    for table in var.checkpoint_tables :
    "${table.study}_${replace(table.datatype, "-", "_")}" => replace(replace(local.checkpoint_folder, "{study}", table.study), "{datatype}", table.datatype)
  }

  # Exactly the properties of schemas/definitions/data-source-config.schema.json (a test checks both ways).
  function_environment = {
    SOURCE_BUCKET                = module.source_bucket.bucket_name
    SOURCE_PREFIX                = var.source_prefix
    CHECKPOINT_BUCKET            = module.checkpoint_bucket.bucket_name
    CHECKPOINT_KEY_TEMPLATE      = var.checkpoint_key_template
    ERRORS_PREFIX                = var.errors_prefix
    IDEMPOTENCY_TABLE            = module.idempotency_table.table_name
    MAX_FILE_BYTES               = tostring(var.max_file_bytes)
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_SERVICE_NAME      = var.service_name
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }
}

module "source_bucket" {
  source = "../../../terraform/modules/s3-bucket"

  bucket_name                 = var.source_bucket_name
  create_bucket               = var.create_source_bucket
  versioning_enabled          = true
  additional_policy_documents = var.source_bucket_additional_policy_documents
}

module "checkpoint_bucket" {
  source = "../../../terraform/modules/s3-bucket"

  bucket_name                        = var.checkpoint_bucket_name
  versioning_enabled                 = true
  noncurrent_version_expiration_days = var.checkpoint_version_retention_days
}

module "athena_results_bucket" {
  source = "../../../terraform/modules/s3-bucket"

  bucket_name               = var.athena_results_bucket_name
  expire_objects_after_days = var.athena_results_retention_days
  force_destroy             = var.environment == "dev"
}

module "idempotency_table" {
  source = "../../../terraform/modules/idempotency-table"

  table_name          = "${local.name}-idempotency"
  deletion_protection = var.idempotency_table_deletion_protection
}

module "iam" {
  source = "../../../terraform/modules/lambda-iam"

  role_name              = local.name
  function_name          = local.name
  source_bucket_name     = var.source_bucket_name
  source_prefix          = var.source_prefix
  checkpoint_bucket_name = var.checkpoint_bucket_name
  checkpoint_prefix      = local.checkpoint_prefix
  errors_prefix          = var.errors_prefix
  idempotency_table_arn  = module.idempotency_table.table_arn
  queue_arn              = module.trigger.queue_arn
}

module "function" {
  source = "../../../terraform/modules/lambda-function"

  function_name        = local.name
  description          = "S3 JSON files -> validated against their schema -> appended to checkpoint parquet files."
  package_path         = local.package_path
  handler              = "index.handler"
  role_arn             = module.iam.role_arn
  memory_size_mb       = var.memory_size_mb
  timeout_seconds      = var.timeout_seconds
  reserved_concurrency = var.reserved_concurrency
  log_retention_days   = var.log_retention_days
  environment          = local.function_environment
}

module "trigger" {
  source = "../../../terraform/modules/s3-sqs-trigger"

  name                       = local.name
  bucket_name                = module.source_bucket.bucket_name
  create_bucket_notification = var.manage_source_bucket_notification
  filter_prefix              = var.source_prefix
  filter_suffix              = ".json"
  function_name              = module.function.function_name
  # var, not module.function.timeout_seconds: the queue must exist before the role's policy and so
  # before the function (a test checks both resolve to the same number).
  function_timeout_seconds        = var.timeout_seconds
  batch_size                      = var.batch_size
  maximum_batching_window_seconds = var.maximum_batching_window_seconds
  maximum_concurrency             = var.maximum_concurrency
  max_receive_count               = var.max_receive_count
}

module "monitoring" {
  source = "../../../terraform/modules/lambda-monitoring"

  name_prefix                          = local.name
  function_name                        = module.function.function_name
  queue_name                           = module.trigger.queue_name
  dlq_name                             = module.trigger.dlq_name
  metrics_namespace                    = var.metrics_namespace
  service_name                         = var.service_name
  oldest_message_age_threshold_seconds = var.oldest_message_age_threshold_seconds
  create_sns_topic                     = var.create_alarm_topic
  alarm_email_endpoints                = var.alarm_email_endpoints
  alarm_action_arns                    = var.alarm_action_arns
}

module "analytics" {
  source = "../../../terraform/modules/analytics"

  database_name                  = replace(local.name, "-", "_")
  checkpoint_bucket_name         = module.checkpoint_bucket.bucket_name
  tables                         = local.checkpoint_tables
  workgroup_name                 = local.name
  results_bucket_name            = module.athena_results_bucket.bucket_name
  bytes_scanned_cutoff_per_query = var.athena_bytes_scanned_cutoff_per_query
}
