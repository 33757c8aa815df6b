# The checkpoint parquet columns (docs: /work/shared/event-log-spec.md "Checkpoint parquet")
# plus the lineage columns the writer adds. Hive parquet SerDe types.
locals {
  checkpoint_columns = [
    { name = "action", type = "string", comment = "submit, pass-qc, not-pass-qc or delete" },
    { name = "study", type = "string", comment = "lowercase study id, e.g. adrc" },
    { name = "pipeline_adcid", type = "int", comment = "pipeline/center id" },
    { name = "project_label", type = "string", comment = "ingest-{datatype}[-{study}]" },
    { name = "center_label", type = "string", comment = "center" },
    { name = "gear_name", type = "string", comment = "pipeline gear that acted" },
    { name = "ptid", type = "string", comment = "participant id" },
    { name = "visit_date", type = "string", comment = "YYYY-MM-DD" },
    { name = "visit_number", type = "string", comment = "visit number, leading zeros kept; nullable" },
    { name = "datatype", type = "string", comment = "form, dicom, apoe, ..." },
    { name = "module", type = "string", comment = "form module (UDS, FTLD, ...); null unless datatype is form" },
    { name = "packet", type = "string", comment = "packet (I, F, IT, ...); nullable" },
    { name = "timestamp", type = "timestamp", comment = "when the action happened, UTC" },
    { name = "source_key", type = "string", comment = "S3 key of the event-log file the row came from" },
    { name = "source_version", type = "string", comment = "S3 version id (or ETag) of that file" },
    { name = "ingested_at", type = "timestamp", comment = "when the row was appended, UTC" },
  ]
}

resource "aws_glue_catalog_database" "this" {
  name        = var.database_name
  description = "Checkpoint parquet tables of the reporting lambdas."
}

resource "aws_glue_catalog_table" "checkpoint" {
  for_each      = var.tables
  database_name = aws_glue_catalog_database.this.name
  name          = each.key
  description   = "Visit events checkpoint s3://${var.checkpoint_bucket_name}/${each.value}"
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    EXTERNAL       = "TRUE"
    classification = "parquet"
  }

  storage_descriptor {
    location      = "s3://${var.checkpoint_bucket_name}/${each.value}"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      name                  = "parquet"
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters            = { "serialization.format" = "1" }
    }

    dynamic "columns" {
      for_each = local.checkpoint_columns
      content {
        name    = columns.value.name
        type    = columns.value.type
        comment = columns.value.comment
      }
    }
  }
}

resource "aws_athena_workgroup" "this" {
  name          = var.workgroup_name
  description   = "Analyst queries over the checkpoint tables of ${var.database_name}."
  force_destroy = var.force_destroy_workgroup
  tags          = var.tags

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = "s3://${var.results_bucket_name}/${var.results_prefix}"

      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}
