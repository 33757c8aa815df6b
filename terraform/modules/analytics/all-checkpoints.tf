# One table over every checkpoint: the table's key placeholders (e.g. study and datatype) are partition
# keys whose values Athena projects (partition projection, no crawler, no MSCK REPAIR), each partition
# being one checkpoint folder. Each is an enum: a query without a filter on it reads every listed
# checkpoint (an injected column would refuse any query that does not pin it with an equality). A
# value without a folder reads nothing. The checkpoint files hold the placeholders as columns too: as
# partition keys they are taken from the path, which the lambda builds from those same columns.
locals {
  # "checkpoints/{study}/{datatype}/" -> ["checkpoints/", "{study}", "/", "{datatype}", "/"].
  folder_tokens = regexall("\\{[^{}]+\\}|[^{}]+", var.checkpoint_folder_template)
  # -> "checkpoints/${study}/${datatype}/" (Athena's template syntax).
  projected_folder = join("", [for token in local.folder_tokens : startswith(token, "{") ? "$${${replace(token, "/[{}]/", "")}}" : token])
  # The fixed part of the template, the table's location.
  checkpoints_root = regex("^[^{]*/", var.checkpoint_folder_template)
}

resource "aws_glue_catalog_table" "all_checkpoints" {
  database_name = aws_glue_catalog_database.this.name
  name          = var.all_checkpoints_table_name
  description   = "Every checkpoint s3://${var.checkpoint_bucket_name}/${var.checkpoint_folder_template}, partitioned by ${join(" and ", var.partition_keys)} (projected)."
  table_type    = "EXTERNAL_TABLE"

  parameters = merge({
    EXTERNAL                    = "TRUE"
    classification              = "parquet"
    "projection.enabled"        = "true"
    "storage.location.template" = "s3://${var.checkpoint_bucket_name}/${local.projected_folder}"
    },
    { for key in var.partition_keys : "projection.${key}.type" => "enum" },
    { for key in var.partition_keys : "projection.${key}.values" => join(",", var.partition_values[key]) },
  )

  dynamic "partition_keys" {
    for_each = var.partition_keys
    content {
      name = partition_keys.value
      type = "string"
    }
  }

  storage_descriptor {
    location      = "s3://${var.checkpoint_bucket_name}/${local.checkpoints_root}"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      name                  = "parquet"
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters            = { "serialization.format" = "1" }
    }

    dynamic "columns" {
      for_each = [for column in var.columns : column if !contains(var.partition_keys, column.name)]
      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}
