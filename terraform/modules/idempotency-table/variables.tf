variable "table_name" {
  type        = string
  description = "Name of the idempotency table (the function's IDEMPOTENCY_TABLE)."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.table_name))
    error_message = "table_name must be 3-255 characters of letters, digits, '_', '-' or '.'."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for server-side encryption; null uses the AWS-managed key (aws/dynamodb). A customer key must also be granted to the function (lambda-iam kms_key_arns)."
  default     = null
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the table (deleting it makes already-processed files be processed again)."
  default     = true
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the table."
  default     = {}
}
