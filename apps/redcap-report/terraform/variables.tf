variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging or prod)."
}

variable "aws_region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "us-west-2"
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name: <name_prefix>-<environment>-redcap-report."
  default     = "reporting"
}

variable "package_path" {
  type        = string
  description = "Deployment zip built by `rush package`; null means apps/redcap-report/dist/redcap-report.zip."
  default     = null
}

variable "table_bucket_name" {
  type        = string
  description = "Bucket of the report tables."
}

variable "table_prefix" {
  type        = string
  description = "Key prefix of every report's table (the function reads and writes only below it)."
  default     = "redcap/"
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
  description = "The REDCap reports: name, SSM path of the project's url and token, report_id (null: all records), mode, table_key, schedule."
}

variable "schedule_timezone" {
  type        = string
  description = "Time zone of the cron schedules."
  default     = "UTC"
}

variable "kms_key_arns" {
  type        = list(string)
  description = "KMS keys of the SecureString API tokens."
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of the function."
  default     = "INFO"
}

variable "memory_size_mb" {
  type        = number
  description = "Function memory (MB)."
  default     = 1024
}

variable "timeout_seconds" {
  type        = number
  description = "Function timeout (seconds)."
  default     = 300
}

variable "alarm_action_arns" {
  type        = list(string)
  description = "ARNs notified by the alarms (e.g. an SNS topic)."
  default     = []
}
