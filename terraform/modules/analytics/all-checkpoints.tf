# One table over every checkpoint: study and datatype are partition keys whose values Athena projects
# (partition projection, no crawler, no MSCK REPAIR), each partition being one checkpoint folder.
# Both are enums: a query without a study or datatype filter reads every listed checkpoint (an injected
# column would refuse any query that does not pin it with an equality). A value without a folder reads
# nothing. The checkpoint files hold study and datatype as columns too: as partition keys they are
# taken from the path, which the lambda builds from those same columns.
locals {
  partition_keys = ["study", "datatype"]
  # "checkpoints/{study}/{datatype}/" -> "checkpoints/${study}/${datatype}/" (Athena's template syntax).
  projected_folder = replace(replace(var.checkpoint_folder_template, "{study}", "$${study}"), "{datatype}", "$${datatype}")
  # The fixed part of the template, the table's location.
  checkpoints_root = regex("^[^{]*/", var.checkpoint_folder_template)
}

resource "aws_glue_catalog_table" "all_checkpoints" {
  database_name = aws_glue_catalog_database.this.name
  name          = var.all_checkpoints_table_name
  description   = "Every visit events checkpoint s3://${var.checkpoint_bucket_name}/${var.checkpoint_folder_template}, partitioned by study and datatype (projected)."
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    EXTERNAL                     = "TRUE"
    classification               = "parquet"
    "projection.enabled"         = "true"
    "projection.study.type"      = "enum"
    "projection.study.values"    = join(",", var.studies)
    "projection.datatype.type"   = "enum"
    "projection.datatype.values" = join(",", var.datatypes)
    "storage.location.template"  = "s3://${var.checkpoint_bucket_name}/${local.projected_folder}"
  }

  dynamic "partition_keys" {
    for_each = local.partition_keys
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
      for_each = [for column in local.checkpoint_columns : column if !contains(local.partition_keys, column.name)]
      content {
        name    = columns.value.name
        type    = columns.value.type
        comment = columns.value.comment
      }
    }
  }
}
