# One reporting lambda and everything around it: input/checkpoint/Athena-results buckets, idempotency
# table, least-privilege role, function, S3 -> SQS -> Lambda trigger, alarms, Glue/Athena tables.
locals {
  # The runtime's default key over the table's placeholders: checkpoints/{study}/{datatype}/events.parquet.
  checkpoint_key_template = coalesce(var.checkpoint_key_template, "checkpoints/${join("/", [for placeholder in var.table.key_placeholders : "{${placeholder}}"])}/events.parquet")
  # "checkpoints/{study}/{datatype}/events.parquet" -> "checkpoints/" (IAM scope) and
  # "checkpoints/{study}/{datatype}/" (one Athena table per folder).
  checkpoint_prefix = regex("^[^{]*/", local.checkpoint_key_template)
  checkpoint_folder = regex("^(.*/)[^/]*$", local.checkpoint_key_template)[0]
  # ["checkpoints/", "{study}", "/", "{datatype}", "/"]: each placeholder replaced by a checkpoint's value.
  folder_tokens = regexall("\\{[^{}]+\\}|[^{}]+", local.checkpoint_folder)
  checkpoint_tables = {
    for checkpoint in var.checkpoint_tables :
    join("_", [for placeholder in var.table.key_placeholders : replace(checkpoint[placeholder], "-", "_")]) => join("", [for token in local.folder_tokens : startswith(token, "{") ? checkpoint[replace(token, "/[{}]/", "")] : token])
  }
  # Partition values of the all-checkpoints table: the placeholder's enum, then the listed checkpoints', then the extra ones.
  partition_values = {
    for placeholder in var.table.key_placeholders :
    placeholder => distinct(concat(var.table.placeholder_values[placeholder], [for checkpoint in var.checkpoint_tables : checkpoint[placeholder]], try(var.analytics_partition_values[placeholder], [])))
  }

  # Exactly the properties of schemas/definitions/data-source-config.schema.json (a test checks both ways).
  function_environment = {
    SOURCE_BUCKET                = module.source_bucket.bucket_name
    SOURCE_PREFIX                = var.source_prefix
    CHECKPOINT_BUCKET            = module.checkpoint_bucket.bucket_name
    CHECKPOINT_KEY_TEMPLATE      = local.checkpoint_key_template
    ERRORS_PREFIX                = var.errors_prefix
    IDEMPOTENCY_TABLE            = module.idempotency_table.table_name
    MAX_FILE_BYTES               = tostring(var.max_file_bytes)
    LOG_LEVEL                    = var.log_level
    POWERTOOLS_SERVICE_NAME      = var.service_name
    POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
  }
}

module "source_bucket" {
  source = "../s3-bucket"

  bucket_name        = var.source_bucket_name
  create_bucket      = var.create_source_bucket
  versioning_enabled = true
  # Replaced event files are already in the checkpoints (every version is an event): old versions
  # only serve a re-run of the backfill over them.
  noncurrent_version_expiration_days = var.source_version_retention_days
  additional_policy_documents        = var.source_bucket_additional_policy_documents
}

module "checkpoint_bucket" {
  source = "../s3-bucket"

  bucket_name                        = var.checkpoint_bucket_name
  versioning_enabled                 = true
  noncurrent_version_expiration_days = var.checkpoint_version_retention_days
}

module "athena_results_bucket" {
  source = "../s3-bucket"

  bucket_name               = var.athena_results_bucket_name
  expire_objects_after_days = var.athena_results_retention_days
  force_destroy             = var.environment == "dev"
}

module "idempotency_table" {
  source = "../idempotency-table"

  table_name          = "${var.name}-idempotency"
  deletion_protection = var.idempotency_table_deletion_protection
}

module "iam" {
  source = "../lambda-iam"

  role_name              = var.name
  function_name          = var.name
  source_bucket_name     = var.source_bucket_name
  source_prefix          = var.source_prefix
  checkpoint_bucket_name = var.checkpoint_bucket_name
  checkpoint_prefix      = local.checkpoint_prefix
  errors_prefix          = var.errors_prefix
  idempotency_table_arn  = module.idempotency_table.table_arn
  queue_arn              = module.trigger.queue_arn
}

module "function" {
  source = "../lambda-function"

  function_name        = var.name
  description          = var.description
  package_path         = var.package_path
  handler              = "index.handler"
  role_arn             = module.iam.role_arn
  memory_size_mb       = var.memory_size_mb
  timeout_seconds      = var.timeout_seconds
  reserved_concurrency = var.reserved_concurrency
  log_retention_days   = var.log_retention_days
  environment          = local.function_environment
}

module "trigger" {
  source = "../s3-sqs-trigger"

  name                       = var.name
  bucket_name                = module.source_bucket.bucket_name
  create_bucket_notification = var.manage_source_bucket_notification
  filter_prefix              = var.source_prefix
  filter_suffix              = var.source_suffix
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
  source = "../lambda-monitoring"

  name_prefix                          = var.name
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
  source = "../analytics"

  database_name                  = coalesce(var.analytics_database_name, replace(var.name, "-", "_"))
  checkpoint_bucket_name         = module.checkpoint_bucket.bucket_name
  tables                         = local.checkpoint_tables
  checkpoint_folder_template     = local.checkpoint_folder
  columns                        = var.table.columns
  partition_keys                 = var.table.key_placeholders
  partition_values               = local.partition_values
  errors_prefix                  = var.errors_prefix
  named_queries                  = var.named_queries
  workgroup_name                 = var.name
  results_bucket_name            = module.athena_results_bucket.bucket_name
  bytes_scanned_cutoff_per_query = var.athena_bytes_scanned_cutoff_per_query
}
