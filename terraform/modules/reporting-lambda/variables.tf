variable "name" {
  type        = string
  description = "Name of the function, its role, queues, table, alarms and workgroup, e.g. <prefix>-<environment>-<lambda>."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,63}$", var.name))
    error_message = "name must be 3-64 lowercase letters, digits or '-', starting with a letter (IAM role and function names allow 64)."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging, prod); dev lets Terraform empty the Athena results bucket on destroy."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "description" {
  type        = string
  description = "What the function does (the Lambda console's description)."
}

variable "package_path" {
  type        = string
  description = "Deployment zip built by `rush package` (apps/<lambda>/dist/<lambda>.zip)."

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must be a .zip file."
  }
}

variable "service_name" {
  type        = string
  description = "POWERTOOLS_SERVICE_NAME: service in logs, traces and the metrics' service dimension (the lambda's name)."
}

variable "analytics_database_name" {
  type        = string
  description = "Glue database of the checkpoint tables; null means name with '-' replaced by '_'."
  default     = null

  validation {
    condition     = var.analytics_database_name == null || can(regex("^[a-z0-9_]{1,255}$", var.analytics_database_name))
    error_message = "analytics_database_name must be lowercase letters, digits or '_'."
  }
}

# --- input files (SOURCE_BUCKET, SOURCE_PREFIX) ---

variable "source_bucket_name" {
  type        = string
  description = "Bucket the input JSON files (e.g. event logs) arrive in (SOURCE_BUCKET)."
}

variable "create_source_bucket" {
  type        = bool
  description = "Create the input bucket; false when it exists already (its protections are still applied here)."
  default     = false
  nullable    = false
}

variable "source_bucket_additional_policy_documents" {
  type        = list(string)
  description = "Statements of the input bucket's existing policy, kept when this stack writes the (TLS-only) bucket policy."
  default     = []
  nullable    = false
}

variable "manage_source_bucket_notification" {
  type        = bool
  description = "Write the input bucket's notification configuration here. S3 holds one per bucket: false when another stack owns it."
  default     = true
  nullable    = false
}

variable "source_suffix" {
  type        = string
  description = "Only input files whose key ends with this notify the lambda: \".json\" (one JSON object per file), or \"\" for a lambda reading its files by extension (.json, .ndjson, .jsonl, .csv)."
  default     = ".json"
  nullable    = false
}

variable "source_prefix" {
  type        = string
  description = "Environment prefix of the input files (SOURCE_PREFIX), e.g. prod/."

  validation {
    condition     = can(regex("^[^*?{}]+/$", var.source_prefix))
    error_message = "source_prefix must be non-empty and end with '/'."
  }
}

# --- checkpoints (CHECKPOINT_BUCKET, CHECKPOINT_KEY_TEMPLATE, ERRORS_PREFIX) ---

variable "checkpoint_bucket_name" {
  type        = string
  description = "Bucket created for the checkpoint parquet files and error records (CHECKPOINT_BUCKET)."
}

variable "table" {
  type = object({
    schema             = string
    key_placeholders   = list(string)
    placeholder_values = map(list(string))
    columns = list(object({
      name = string
      type = string
    }))
  })
  description = "The lambda's table: jsondecode of the root's table-columns.json, which the app's build writes from the table its declaration exports (columns with Hive types, key placeholders, enum values of the placeholders)."

  validation {
    condition     = length(var.table.key_placeholders) > 0 && alltrue([for placeholder in var.table.key_placeholders : can(regex("^[a-z_][a-z0-9_]*$", placeholder))])
    error_message = "table.key_placeholders must be one or more column names: they route each record to its checkpoint."
  }
}

variable "checkpoint_key_template" {
  type        = string
  description = "Checkpoint key (CHECKPOINT_KEY_TEMPLATE); null means checkpoints/{p1}/{p2}/.../events.parquet over the table's key placeholders (the runtime's default). Must start with a literal folder and have each of the table's placeholders, and no other, in its folder part, so every checkpoint gets its own folder and Athena table."
  default     = null

  validation {
    condition = var.checkpoint_key_template == null || try(
      can(regex("^[^{}*?]+/.*/[^/{}]+$", var.checkpoint_key_template))
      && alltrue([for placeholder in var.table.key_placeholders : can(regex("\\{${placeholder}\\}.*/[^/]+$", var.checkpoint_key_template))])
      && alltrue([for found in regexall("\\{([^{}]*)\\}", var.checkpoint_key_template) : contains(var.table.key_placeholders, found[0])]),
      false
    )
    error_message = "checkpoint_key_template must look like <prefix>/.../{placeholder}/.../<file>: a literal first folder, each of the table's key placeholders (and no other) in the folders, a literal file name."
  }
}

variable "errors_prefix" {
  type        = string
  description = "Prefix in the checkpoint bucket for quarantine records of invalid files (ERRORS_PREFIX)."
  default     = "errors/"
  nullable    = false

  validation {
    condition     = can(regex("^[^*?{}]+/$", var.errors_prefix))
    error_message = "errors_prefix must be non-empty and end with '/'."
  }
}

variable "source_version_retention_days" {
  type        = number
  description = "Days a replaced (non-current) version of an event file is kept in the event bucket."
  default     = 90
  nullable    = false

  validation {
    condition     = var.source_version_retention_days >= 1
    error_message = "source_version_retention_days must be at least 1."
  }
}

variable "checkpoint_version_retention_days" {
  type        = number
  description = "Days a replaced checkpoint version is kept (recovery from a bad write)."
  default     = 30
  nullable    = false

  validation {
    condition     = var.checkpoint_version_retention_days >= 1
    error_message = "checkpoint_version_retention_days must be at least 1."
  }
}

# --- function behaviour (MAX_FILE_BYTES, LOG_LEVEL, POWERTOOLS_*) ---

variable "max_file_bytes" {
  type        = number
  description = "Files larger than this are quarantined without being read whole (MAX_FILE_BYTES)."
  default     = 1048576
  nullable    = false

  validation {
    condition     = var.max_file_bytes >= 1 && var.max_file_bytes <= 9999999999 && floor(var.max_file_bytes) == var.max_file_bytes
    error_message = "max_file_bytes must be a whole number from 1 to 9999999999."
  }
}

variable "log_level" {
  type        = string
  description = "Powertools Logger level (LOG_LEVEL)."
  default     = "INFO"
  nullable    = false

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN or ERROR."
  }
}

variable "metrics_namespace" {
  type        = string
  description = "POWERTOOLS_METRICS_NAMESPACE: CloudWatch namespace of the custom metrics (EventsFailed, ...)."
  default     = "ReportingLambdas"
  nullable    = false
}

# --- sizing ---

variable "memory_size_mb" {
  type        = number
  description = "Function memory in MB."
  default     = 1024
  nullable    = false
}

variable "timeout_seconds" {
  type        = number
  description = "Function timeout in seconds; the queue's visibility timeout is at least six times this."
  default     = 120
  nullable    = false
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrency; null for none. When set it must be at least maximum_concurrency."
  default     = null

  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= var.maximum_concurrency, false)
    error_message = "reserved_concurrency must be null or at least maximum_concurrency (otherwise the event source is throttled)."
  }
}

variable "batch_size" {
  type        = number
  description = "Messages per invocation."
  default     = 10
  nullable    = false
}

variable "maximum_batching_window_seconds" {
  type        = number
  description = "Seconds Lambda waits to fill a batch."
  default     = 5
  nullable    = false
}

variable "maximum_concurrency" {
  type        = number
  description = "Most concurrent invocations from the queue (writers of one checkpoint contend above a few)."
  default     = 5
  nullable    = false
}

variable "max_receive_count" {
  type        = number
  description = "Deliveries before a message moves to the dead-letter queue."
  default     = 5
  nullable    = false
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's log group in days."
  default     = 30
  nullable    = false
}

variable "idempotency_table_deletion_protection" {
  type        = bool
  description = "Protect the idempotency table from deletion."
  default     = true
  nullable    = false
}

# --- monitoring ---

variable "create_alarm_topic" {
  type        = bool
  description = "Create an SNS topic for the alarms."
  default     = true
  nullable    = false
}

variable "alarm_email_endpoints" {
  type        = list(string)
  description = "E-mail addresses subscribed to the alarm topic."
  default     = []
  nullable    = false
}

variable "alarm_action_arns" {
  type        = list(string)
  description = "Existing alarm targets (e.g. a team SNS topic)."
  default     = []
  nullable    = false
}

variable "oldest_message_age_threshold_seconds" {
  type        = number
  description = "Queue age that raises the falling-behind alarm."
  default     = 900
  nullable    = false
}

# --- analytics ---

variable "checkpoint_tables" {
  type        = list(map(string))
  description = "Checkpoints to expose as Athena tables: one map per checkpoint, placeholder => value (e.g. { study = \"adrc\", datatype = \"form\" }), the table named by the values joined with '_'; add one when a new checkpoint appears."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for checkpoint in var.checkpoint_tables : length(checkpoint) == length(var.table.key_placeholders) && alltrue([for placeholder in var.table.key_placeholders : contains(keys(checkpoint), placeholder)]) && alltrue([for value in values(checkpoint) : can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", value))])])
    error_message = "Each checkpoint_tables entry must give exactly the table's key placeholders, each a lowercase value (letters, digits, single '-')."
  }
}

variable "athena_results_bucket_name" {
  type        = string
  description = "Bucket created for Athena query results (objects expire after athena_results_retention_days)."
}

variable "athena_results_retention_days" {
  type        = number
  description = "Days Athena query results are kept."
  default     = 30
  nullable    = false
}

variable "athena_bytes_scanned_cutoff_per_query" {
  type        = number
  description = "Athena cancels queries scanning more than this many bytes."
  default     = 10737418240
  nullable    = false
}

variable "analytics_partition_values" {
  type        = map(list(string))
  description = "Values the all-checkpoints Athena table reads for a key placeholder (its partition values) besides the placeholder's enum (table.placeholder_values) and those of checkpoint_tables, e.g. { study = [\"ftld\"] }."
  default     = {}
  nullable    = false
}

variable "named_queries" {
  type = map(object({
    description = string
    sql         = string
  }))
  description = "Saved Athena queries (the app's analyst queries): name => SQL, {checkpoint} standing for one checkpoint's rows."
  default     = {}
  nullable    = false
}
