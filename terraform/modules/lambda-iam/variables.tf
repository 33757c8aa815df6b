variable "role_name" {
  type        = string
  description = "Name of the execution role."

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters allowed in IAM role names."
  }
}

variable "function_name" {
  type        = string
  description = "Name of the function using the role; scopes log writes to /aws/lambda/<function_name>."
}

variable "source_bucket_name" {
  type        = string
  description = "Bucket the event-log files arrive in (read only under source_prefix)."
}

variable "source_prefix" {
  type        = string
  description = "Prefix of the event files, e.g. prod/. The role can read nothing else in the source bucket."

  validation {
    condition     = can(regex("^[^*?]+/$", var.source_prefix))
    error_message = "source_prefix must be non-empty, end with '/' and contain no wildcards (an empty prefix would grant the whole bucket)."
  }
}

variable "checkpoint_bucket_name" {
  type        = string
  description = "Bucket holding the checkpoint parquet files and the error records."
}

variable "checkpoint_prefix" {
  type        = string
  description = "Literal prefix of every checkpoint key (the part of CHECKPOINT_KEY_TEMPLATE before the first placeholder), e.g. checkpoints/."

  validation {
    condition     = can(regex("^[^*?{}]+/$", var.checkpoint_prefix))
    error_message = "checkpoint_prefix must be non-empty, end with '/' and contain no wildcards or placeholders."
  }
}

variable "errors_prefix" {
  type        = string
  description = "Prefix (in the checkpoint bucket) of the quarantine records of invalid files, e.g. errors/."

  validation {
    condition     = can(regex("^[^*?{}]+/$", var.errors_prefix))
    error_message = "errors_prefix must be non-empty, end with '/' and contain no wildcards."
  }
}

variable "idempotency_table_arn" {
  type        = string
  description = "ARN of the Powertools idempotency table (item actions only)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", var.idempotency_table_arn))
    error_message = "idempotency_table_arn must be a DynamoDB table ARN."
  }
}

variable "queue_arn" {
  type        = string
  description = "ARN of the SQS queue the function consumes (receive/delete only)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.queue_arn))
    error_message = "queue_arn must be an SQS queue ARN."
  }
}

variable "kms_key_arns" {
  type        = list(string)
  description = "Customer-managed KMS keys the function must use (SSE-KMS buckets, table); empty when AWS-managed encryption is used."
  default     = []
}

variable "permissions_boundary_arn" {
  type        = string
  description = "Optional permissions boundary policy ARN required by some accounts."
  default     = null
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the role."
  default     = {}
}
