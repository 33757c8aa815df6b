variable "name_prefix" {
  type        = string
  description = "Prefix of the alarm names and of the SNS topic."
}

variable "function_name" {
  type        = string
  description = "Function whose Errors and Throttles are watched."
}

variable "queue_name" {
  type        = string
  description = "Main queue whose age of oldest message is watched."
}

variable "dlq_name" {
  type        = string
  description = "Dead-letter queue whose depth is watched (any message is an alarm)."
}

variable "metrics_namespace" {
  type        = string
  description = "CloudWatch namespace of the custom metrics (the function's POWERTOOLS_METRICS_NAMESPACE)."
}

variable "service_name" {
  type        = string
  description = "Value of the 'service' dimension Powertools Metrics adds (the function's POWERTOOLS_SERVICE_NAME)."
}

variable "period_seconds" {
  type        = number
  description = "Evaluation period of every alarm."
  default     = 300

  validation {
    condition     = contains([60, 300, 900, 3600], var.period_seconds)
    error_message = "period_seconds must be 60, 300, 900 or 3600."
  }
}

variable "errors_threshold" {
  type        = number
  description = "Function errors per period that raise the alarm."
  default     = 1

  validation {
    condition     = var.errors_threshold >= 1
    error_message = "errors_threshold must be at least 1."
  }
}

variable "throttles_threshold" {
  type        = number
  description = "Function throttles per period that raise the alarm."
  default     = 1

  validation {
    condition     = var.throttles_threshold >= 1
    error_message = "throttles_threshold must be at least 1."
  }
}

variable "oldest_message_age_threshold_seconds" {
  type        = number
  description = "Age of the oldest message in the main queue that raises the alarm (processing is falling behind)."
  default     = 900

  validation {
    condition     = var.oldest_message_age_threshold_seconds >= 60
    error_message = "oldest_message_age_threshold_seconds must be at least 60."
  }
}

variable "events_failed_threshold" {
  type        = number
  description = "EventsFailed (objects the function quarantined or must retry) per period that raise the alarm."
  default     = 1

  validation {
    condition     = var.events_failed_threshold >= 1
    error_message = "events_failed_threshold must be at least 1."
  }
}

variable "checkpoint_save_failures_threshold" {
  type        = number
  description = "CheckpointSaveFailures (failed checkpoint appends, summed over every Study/Datatype) per period that raise the alarm."
  default     = 1

  validation {
    condition     = var.checkpoint_save_failures_threshold >= 1
    error_message = "checkpoint_save_failures_threshold must be at least 1."
  }
}

variable "create_sns_topic" {
  type        = bool
  description = "Create an SNS topic (encrypted) that every alarm notifies."
  default     = false
}

variable "alarm_email_endpoints" {
  type        = list(string)
  description = "E-mail addresses subscribed to the created topic (each must confirm the subscription)."
  default     = []

  validation {
    condition     = alltrue([for email in var.alarm_email_endpoints : can(regex("^[^@\\s]+@[^@\\s]+$", email))])
    error_message = "alarm_email_endpoints must be e-mail addresses."
  }
}

variable "alarm_action_arns" {
  type        = list(string)
  description = "Existing SNS topic ARNs (or other alarm actions) notified in addition to the created topic."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the alarms and topic."
  default     = {}
}
