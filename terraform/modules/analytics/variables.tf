variable "database_name" {
  type        = string
  description = "Glue (Athena) database holding one table per checkpoint."

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.database_name))
    error_message = "database_name must be lowercase letters, digits and '_' (Athena-safe)."
  }
}

variable "checkpoint_bucket_name" {
  type        = string
  description = "Bucket holding the checkpoint parquet files."
}

variable "tables" {
  type        = map(string)
  description = "Table name => folder (prefix, ending in '/') of one checkpoint, e.g. { adrc_form = \"checkpoints/adrc/form/\" }."

  validation {
    condition     = alltrue([for name, prefix in var.tables : can(regex("^[a-z0-9_]{1,255}$", name)) && can(regex("^[^*?{}]+/$", prefix))])
    error_message = "Table names must be lowercase letters, digits and '_'; prefixes must end with '/' and contain no wildcards or placeholders."
  }
}

variable "workgroup_name" {
  type        = string
  description = "Athena workgroup analysts use; it enforces the result location and encryption."
}

variable "results_bucket_name" {
  type        = string
  description = "Bucket for Athena query results."
}

variable "results_prefix" {
  type        = string
  description = "Prefix of the query results in results_bucket_name."
  default     = "athena-results/"

  validation {
    condition     = can(regex("^[^*?]*/$", var.results_prefix))
    error_message = "results_prefix must end with '/'."
  }
}

variable "bytes_scanned_cutoff_per_query" {
  type        = number
  description = "Athena cancels a query scanning more bytes than this (cost guard)."
  default     = 10737418240

  validation {
    condition     = var.bytes_scanned_cutoff_per_query >= 10485760
    error_message = "bytes_scanned_cutoff_per_query must be at least 10 MB (Athena's minimum)."
  }
}

variable "force_destroy_workgroup" {
  type        = bool
  description = "Allow destroying the workgroup together with its saved queries."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the workgroup."
  default     = {}
}
