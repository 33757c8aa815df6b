variable "name" {
  type        = string
  description = "Function, role and schedule name prefix, e.g. reporting-prod-redcap-report."

  validation {
    condition     = can(regex("^[A-Za-z0-9-_]{1,48}$", var.name))
    error_message = "name must be 1-48 letters, digits, - or _ (schedule and alarm names append to it)."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging or prod)."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "description" {
  type        = string
  description = "Function description."
  default     = ""
}

variable "service_name" {
  type        = string
  description = "POWERTOOLS_SERVICE_NAME: the service dimension of the function's metrics."
}

variable "metrics_namespace" {
  type        = string
  description = "POWERTOOLS_METRICS_NAMESPACE: the CloudWatch namespace of the function's metrics."
  default     = "ReportingLambdas"
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the function."
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN, ERROR, CRITICAL or SILENT."
  }
}

variable "package_path" {
  type        = string
  description = "Path of the function's deployment zip."
}

variable "table_bucket_name" {
  type        = string
  description = "Bucket of the tables (created with public access blocked, TLS only, SSE, versioning)."
}

variable "table_prefix" {
  type        = string
  description = "Key prefix every report's table_key starts with; the function may read and write only below it."

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$", var.table_prefix))
    error_message = "table_prefix must be a non-empty key prefix ending in /."
  }
}

variable "table_version_retention_days" {
  type        = number
  description = "Days a replaced version of a table is kept (undo of a bad run)."
  default     = 30
}

variable "reports" {
  type = list(object({
    name           = string
    parameter_path = string
    report_id      = optional(string)
    mode           = string
    table_key      = string
    schedule       = string
  }))
  description = "The reports: name, SSM path of the project's url and token, report_id (null: all records), mode (overwrite or append), table_key (under table_prefix) and schedule (cron(...) or rate(...))."

  validation {
    condition     = length(var.reports) > 0 && length(distinct([for r in var.reports : r.name])) == length(var.reports)
    error_message = "reports must name at least one report, each name once."
  }

  validation {
    condition     = alltrue([for r in var.reports : startswith(r.table_key, var.table_prefix) && endswith(r.table_key, ".parquet")])
    error_message = "every table_key must start with table_prefix and end in .parquet."
  }

  validation {
    condition     = alltrue([for r in var.reports : contains(["overwrite", "append"], r.mode)])
    error_message = "mode must be overwrite or append."
  }

  validation {
    condition     = alltrue([for r in var.reports : startswith(r.parameter_path, "/") && !endswith(r.parameter_path, "/")])
    error_message = "parameter_path must start with / and not end with /."
  }

  validation {
    condition     = alltrue([for r in var.reports : startswith(r.schedule, "cron(") || startswith(r.schedule, "rate(")])
    error_message = "schedule must be cron(...) or rate(...)."
  }
}

variable "schedule_timezone" {
  type        = string
  description = "Time zone of the cron schedules."
  default     = "UTC"
}

variable "kms_key_arns" {
  type        = list(string)
  description = "KMS keys of the SecureString tokens (kms:Decrypt through SSM only)."

  validation {
    condition     = length(var.kms_key_arns) > 0 && alltrue([for arn in var.kms_key_arns : startswith(arn, "arn:")])
    error_message = "kms_key_arns must list at least one key ARN."
  }
}

variable "memory_size_mb" {
  type        = number
  description = "Function memory (MB)."
  default     = 1024
}

variable "timeout_seconds" {
  type        = number
  description = "Function timeout (seconds): an export, its parse and one write."
  default     = 300
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrency (null: unreserved)."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's log group."
  default     = 30
}

variable "alarm_action_arns" {
  type        = list(string)
  description = "ARNs notified when an alarm changes state (e.g. an SNS topic)."
  default     = []
}

variable "permissions_boundary_arn" {
  type        = string
  description = "Optional permissions boundary policy ARN required by some accounts."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the resources."
  default     = {}
}
