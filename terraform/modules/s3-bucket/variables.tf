variable "bucket_name" {
  type        = string
  description = "Name of the bucket (created, or existing when create_bucket is false)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, '.', '-')."
  }
}

variable "create_bucket" {
  type        = bool
  description = "Create the bucket. When false the bucket exists already and only its protections (public access block, TLS-only policy, encryption, versioning) are managed here."
  default     = true
}

variable "versioning_enabled" {
  type        = bool
  description = "Enable versioning (required for the event bucket: an overwritten event file is a new event version). Never suspends versioning that is already on."
  default     = false
}

variable "sse_algorithm" {
  type        = string
  description = "Default encryption: AES256 (SSE-S3) or aws:kms (SSE-KMS with kms_key_arn)."
  default     = "AES256"

  validation {
    condition     = contains(["AES256", "aws:kms"], var.sse_algorithm)
    error_message = "sse_algorithm must be AES256 or aws:kms."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "KMS key for aws:kms encryption; null with aws:kms uses the AWS-managed aws/s3 key."
  default     = null
}

variable "additional_policy_documents" {
  type        = list(string)
  description = "Policy JSON documents merged into the bucket policy. An existing bucket's policy is REPLACED by this module: put its current statements here."
  default     = []
}

variable "expire_objects_after_days" {
  type        = number
  description = "Delete objects this many days after creation (e.g. Athena results); null keeps them."
  default     = null

  validation {
    condition     = var.expire_objects_after_days == null || try(var.expire_objects_after_days >= 1, false)
    error_message = "expire_objects_after_days must be null or at least 1."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Delete non-current object versions after this many days; null keeps them."
  default     = null

  validation {
    condition     = var.noncurrent_version_expiration_days == null || try(var.noncurrent_version_expiration_days >= 1, false)
    error_message = "noncurrent_version_expiration_days must be null or at least 1."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  type        = number
  description = "Days after which S3 aborts a multipart upload that was never completed (its parts are billed until then)."
  default     = 1
  nullable    = false

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1
    error_message = "abort_incomplete_multipart_upload_days must be at least 1."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Allow destroying a created bucket that still holds objects (dev only)."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to a created bucket."
  default     = {}
}
