variable "name" {
  type        = string
  description = "Base name of the queues: <name> and <name>-dlq."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,76}$", var.name))
    error_message = "name must be 1-76 characters of letters, digits, '-' or '_' (80 with the -dlq suffix)."
  }
}

variable "bucket_name" {
  type        = string
  description = "Bucket whose object-created notifications feed the queue; the queue accepts messages from this bucket only."
}

variable "bucket_owner_account_id" {
  type        = string
  description = "Account that owns the bucket; null means the account being deployed to."
  default     = null

  validation {
    condition     = var.bucket_owner_account_id == null || can(regex("^[0-9]{12}$", var.bucket_owner_account_id))
    error_message = "bucket_owner_account_id must be a 12-digit account id or null."
  }
}

variable "filter_prefix" {
  type        = string
  description = "Only objects under this prefix notify the queue (the environment prefix, e.g. prod/)."

  validation {
    condition     = length(var.filter_prefix) > 0
    error_message = "filter_prefix must not be empty: the queue would receive every object of the bucket."
  }
}

variable "filter_suffix" {
  type        = string
  description = "Only objects whose key ends with this suffix notify the queue."
  default     = ".json"
}

variable "create_bucket_notification" {
  type        = bool
  description = "Manage the bucket's notification configuration here. S3 keeps ONE notification configuration per bucket: set false when another stack owns it, and add this queue (outputs queue_arn, filter) there."
  default     = true
}

variable "function_name" {
  type        = string
  description = "Name of the function the event source mapping invokes."
}

variable "function_timeout_seconds" {
  type        = number
  description = "Timeout of that function; the queue's visibility timeout is derived from it."

  validation {
    condition     = var.function_timeout_seconds >= 1 && var.function_timeout_seconds <= 900
    error_message = "function_timeout_seconds must be from 1 to 900."
  }
}

variable "visibility_timeout_multiplier" {
  type        = number
  description = "Visibility timeout = multiplier x function timeout + batching window. AWS recommends at least 6."
  default     = 6

  validation {
    condition     = var.visibility_timeout_multiplier >= 6
    error_message = "visibility_timeout_multiplier must be at least 6 (AWS guidance for SQS event sources)."
  }
}

variable "batch_size" {
  type        = number
  description = "Maximum messages per invocation (more than 10 requires a batching window)."
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be a whole number from 1 to 10000."
  }
}

variable "maximum_batching_window_seconds" {
  type        = number
  description = "Seconds Lambda waits to fill a batch."
  default     = 5

  validation {
    condition     = var.maximum_batching_window_seconds >= 0 && var.maximum_batching_window_seconds <= 300
    error_message = "maximum_batching_window_seconds must be from 0 to 300."
  }
}

variable "maximum_concurrency" {
  type        = number
  description = "Most concurrent invocations the event source mapping starts (checkpoint writes conflict above a few)."
  default     = 5

  validation {
    condition     = var.maximum_concurrency >= 2 && var.maximum_concurrency <= 1000
    error_message = "maximum_concurrency must be from 2 to 1000 (the SQS event source minimum is 2)."
  }
}

variable "max_receive_count" {
  type        = number
  description = "Deliveries of a message before it moves to the dead-letter queue."
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be from 1 to 1000."
  }
}

variable "message_retention_seconds" {
  type        = number
  description = "How long the main queue keeps a message."
  default     = 345600

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be from 60 to 1209600 (14 days)."
  }
}

variable "dlq_message_retention_seconds" {
  type        = number
  description = "How long the dead-letter queue keeps a message; the maximum (14 days) leaves time to investigate and redrive."
  default     = 1209600

  validation {
    condition     = var.dlq_message_retention_seconds >= 60 && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be from 60 to 1209600 (14 days)."
  }
}

variable "enabled" {
  type        = bool
  description = "Whether the event source mapping polls the queue (false pauses processing; messages wait in the queue)."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the queues."
  default     = {}
}
