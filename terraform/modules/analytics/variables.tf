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

variable "columns" {
  type = list(object({
    name = string
    type = string
  }))
  description = "Columns of every checkpoint, in order, with their Hive types: the lambda's table (the columns of the root's table-columns.json, written from the table definition)."

  validation {
    condition     = length(var.columns) > 0 && alltrue([for column in var.columns : can(regex("^[a-z_][a-z0-9_]*$", column.name))])
    error_message = "columns must be one or more columns with lowercase names (letters, digits, '_')."
  }
}

variable "partition_keys" {
  type        = list(string)
  description = "Partition keys of the all-checkpoints table: the table's key placeholders, e.g. [\"study\", \"datatype\"] (each a column and a {placeholder} of checkpoint_folder_template)."

  validation {
    condition     = length(var.partition_keys) > 0 && alltrue([for key in var.partition_keys : contains([for column in var.columns : column.name], key)])
    error_message = "partition_keys must be one or more of the columns."
  }
}

variable "checkpoint_folder_template" {
  type        = string
  description = "Folder of every checkpoint, with every partition key as {placeholder}: the folder of CHECKPOINT_KEY_TEMPLATE, e.g. \"checkpoints/{study}/{datatype}/\"."

  validation {
    condition     = endswith(var.checkpoint_folder_template, "/") && can(regex("^[^{]*/", var.checkpoint_folder_template)) && alltrue([for key in var.partition_keys : can(regex("\\{${key}\\}", var.checkpoint_folder_template))]) && alltrue([for found in regexall("\\{([^{}]*)\\}", var.checkpoint_folder_template) : contains(var.partition_keys, found[0])])
    error_message = "checkpoint_folder_template must start with a literal folder, end with '/' and hold each partition key, and no other, as {placeholder}."
  }
}

variable "all_checkpoints_table_name" {
  type        = string
  description = "Table over every checkpoint, partitioned (projected) by the partition keys."
  default     = "checkpoints"
}

variable "partition_values" {
  type        = map(list(string))
  description = "Values of each partition key of the all-checkpoints table (projection enum), e.g. { study = [\"adrc\"], datatype = [...] }; a checkpoint whose value is missing here is not read by it."

  validation {
    condition     = alltrue([for key in var.partition_keys : length(try(var.partition_values[key], [])) > 0 && alltrue([for value in try(var.partition_values[key], []) : can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", value))])])
    error_message = "partition_values must give each partition key one or more lowercase values (letters, digits, single '-')."
  }
}

variable "errors_prefix" {
  type        = string
  description = "Prefix of the quarantine records in the checkpoint bucket (ERRORS_PREFIX)."
  default     = "errors/"

  validation {
    condition     = can(regex("^[^*?{}]+/$", var.errors_prefix))
    error_message = "errors_prefix must end with '/' and contain no wildcards or placeholders."
  }
}

variable "quarantine_table_name" {
  type        = string
  description = "Table over the quarantine records (JSON), partitioned (projected) by day dt."
  default     = "quarantine"
}

variable "quarantine_first_date" {
  type        = string
  description = "First day (YYYY-MM-DD) of the dt projection of the quarantine table."
  default     = "2024-01-01"

  validation {
    condition     = can(regex("^\\d{4}-\\d{2}-\\d{2}$", var.quarantine_first_date))
    error_message = "quarantine_first_date must be YYYY-MM-DD."
  }
}

variable "named_queries" {
  type = map(object({
    description = string
    sql         = string
  }))
  description = "Saved Athena queries, name => SQL where {checkpoint} stands for one checkpoint's rows (the all-checkpoints table filtered on each partition key)."
  default     = {}
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
