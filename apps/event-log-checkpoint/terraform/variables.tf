# The settings <env>.tfvars choose; every other setting of terraform/modules/reporting-lambda keeps
# its default (set it in main.tf when needed). null means the module's default; validations live there.

variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging, prod); part of every resource name."
}

variable "aws_region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "us-west-2"
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name: <name_prefix>-<environment>-event-log-checkpoint."
  default     = "reporting"
}

variable "package_path" {
  type        = string
  description = "Deployment zip built by `rush package`; null means apps/event-log-checkpoint/dist/event-log-checkpoint.zip."
  default     = null
}

# --- input files ---

variable "source_bucket_name" {
  type        = string
  description = "Bucket the gears write event-log files to (SOURCE_BUCKET)."
}

variable "create_source_bucket" {
  type        = bool
  description = "Create the input bucket; false when it exists already (its protections are still applied here)."
  default     = null
}

variable "source_bucket_additional_policy_documents" {
  type        = list(string)
  description = "Statements of the input bucket's existing policy, kept when this stack writes the (TLS-only) bucket policy."
  default     = null
}

variable "manage_source_bucket_notification" {
  type        = bool
  description = "Write the input bucket's notification configuration here. S3 holds one per bucket: false when another stack owns it."
  default     = null
}

variable "source_prefix" {
  type        = string
  description = "Environment prefix of the input files (SOURCE_PREFIX), e.g. prod/."
}

# --- checkpoints and Athena ---

variable "checkpoint_bucket_name" {
  type        = string
  description = "Bucket created for the checkpoint parquet files and error records (CHECKPOINT_BUCKET)."
}

variable "athena_results_bucket_name" {
  type        = string
  description = "Bucket created for Athena query results (objects expire after athena_results_retention_days)."
}

variable "checkpoint_tables" {
  type        = list(map(string))
  description = "Checkpoints to expose as Athena tables: one map per checkpoint, key placeholder => value (table-columns.json, key_placeholders); add one when a new checkpoint appears."
  default     = null
}

# --- function and trigger ---

variable "log_level" {
  type        = string
  description = "Powertools Logger level (LOG_LEVEL)."
  default     = null
}

variable "memory_size_mb" {
  type        = number
  description = "Function memory in MB."
  default     = null
}

variable "timeout_seconds" {
  type        = number
  description = "Function timeout in seconds; the queue's visibility timeout is at least six times this."
  default     = null
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrency; null for none. When set it must be at least maximum_concurrency."
  default     = null
}

variable "maximum_concurrency" {
  type        = number
  description = "Most concurrent invocations from the queue (writers of one checkpoint contend above a few)."
  default     = null
}

variable "batch_size" {
  type        = number
  description = "Messages per invocation."
  default     = null
}

variable "maximum_batching_window_seconds" {
  type        = number
  description = "Seconds Lambda waits to fill a batch."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's log group in days."
  default     = null
}

variable "idempotency_table_deletion_protection" {
  type        = bool
  description = "Protect the idempotency table from deletion."
  default     = null
}

# --- alarms ---

variable "create_alarm_topic" {
  type        = bool
  description = "Create an SNS topic for the alarms."
  default     = null
}

variable "alarm_email_endpoints" {
  type        = list(string)
  description = "E-mail addresses subscribed to the alarm topic."
  default     = null
}

variable "alarm_action_arns" {
  type        = list(string)
  description = "Existing alarm targets (e.g. a team SNS topic)."
  default     = null
}

variable "oldest_message_age_threshold_seconds" {
  type        = number
  description = "Queue age that raises the falling-behind alarm."
  default     = null
}
