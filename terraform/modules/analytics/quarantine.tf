# The quarantine records: one JSON object per invalid file under {errors_prefix}dt=YYYY-MM-DD/
# (QuarantineRecord, schemas/definitions/quarantine-record.schema.json; written by @reporting/lambda-runtime), partitioned by day with date projection.
locals {
  quarantine_columns = [
    { name = "source_bucket", type = "string", comment = "bucket of the invalid event file" },
    { name = "source_key", type = "string", comment = "its key" },
    { name = "source_version", type = "string", comment = "its version id (or ETag)" },
    { name = "reasons", type = "array<string>", comment = "every rule it broke, in words" },
    { name = "quarantined_at", type = "string", comment = "ISO 8601 UTC; from_iso8601_timestamp(quarantined_at)" },
  ]
}

resource "aws_glue_catalog_table" "quarantine" {
  database_name = aws_glue_catalog_database.this.name
  name          = var.quarantine_table_name
  description   = "Invalid event files and their reasons, s3://${var.checkpoint_bucket_name}/${var.errors_prefix}dt=YYYY-MM-DD/ (projected on dt)."
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    EXTERNAL                      = "TRUE"
    classification                = "json"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.quarantine_first_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "storage.location.template"   = "s3://${var.checkpoint_bucket_name}/${var.errors_prefix}dt=$${dt}/"
  }

  partition_keys {
    name    = "dt"
    type    = "string"
    comment = "day the record was written, YYYY-MM-DD"
  }

  storage_descriptor {
    location      = "s3://${var.checkpoint_bucket_name}/${var.errors_prefix}"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    ser_de_info {
      name                  = "json"
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
      parameters            = { "ignore.malformed.json" = "FALSE" }
    }

    dynamic "columns" {
      for_each = local.quarantine_columns
      content {
        name    = columns.value.name
        type    = columns.value.type
        comment = columns.value.comment
      }
    }
  }
}
