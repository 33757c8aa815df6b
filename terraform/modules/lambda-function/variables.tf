variable "function_name" {
  type        = string
  description = "Name of the Lambda function (also names its log group /aws/lambda/<name>)."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 characters of letters, digits, '-' or '_'."
  }
}

variable "description" {
  type        = string
  description = "Human-readable description shown in the Lambda console."
  default     = ""
}

variable "package_path" {
  type        = string
  description = "Path of the deployment zip built by `rush package` (apps/<name>/dist/<name>.zip)."

  validation {
    condition     = endswith(var.package_path, ".zip")
    error_message = "package_path must point at a .zip file."
  }
}

variable "handler" {
  type        = string
  description = "Module export called by Lambda, <file>.<export>."
  default     = "index.handler"
}

variable "role_arn" {
  type        = string
  description = "ARN of the execution role (from the lambda-iam module)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", var.role_arn))
    error_message = "role_arn must be an IAM role ARN."
  }
}

variable "memory_size_mb" {
  type        = number
  description = "Memory in MB; CPU scales with it."
  default     = 512

  validation {
    condition     = var.memory_size_mb >= 128 && var.memory_size_mb <= 10240 && floor(var.memory_size_mb) == var.memory_size_mb
    error_message = "memory_size_mb must be a whole number from 128 to 10240."
  }
}

variable "timeout_seconds" {
  type        = number
  description = "Function timeout in seconds. An SQS trigger's visibility timeout is derived from it."
  default     = 60

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number from 1 to 900."
  }
}

variable "environment" {
  type        = map(string)
  description = "Environment variables of the function (for reporting lambdas: exactly the properties of its data-source-config schema)."
  default     = {}
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrent executions; null leaves the function on the account's unreserved pool."
  default     = null

  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= 1, false)
    error_message = "reserved_concurrency must be null or at least 1 (0 would disable the function)."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's CloudWatch log group, in days."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "log_kms_key_arn" {
  type        = string
  description = "Optional KMS key ARN to encrypt the log group with; null uses CloudWatch Logs' default encryption."
  default     = null
}

variable "layers" {
  type        = list(string)
  description = "Lambda layer version ARNs (for the layered packaging option); empty for a single bundle."
  default     = []

  validation {
    condition     = length(var.layers) <= 5
    error_message = "A function can use at most 5 layers."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of the module."
  default     = {}
}
