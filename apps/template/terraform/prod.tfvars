environment = "prod"
aws_region  = "us-west-2"

source_bucket_name         = "reporting-template-input-prod"
create_source_bucket       = false
source_prefix              = "prod/"
checkpoint_bucket_name     = "reporting-template-checkpoints-prod"
athena_results_bucket_name = "reporting-template-athena-prod"

log_level                            = "INFO"
memory_size_mb                       = 1769
timeout_seconds                      = 180
reserved_concurrency                 = 10
maximum_concurrency                  = 5
batch_size                           = 10
maximum_batching_window_seconds      = 10
log_retention_days                   = 90
create_alarm_topic                   = true
alarm_email_endpoints                = []
oldest_message_age_threshold_seconds = 1800

checkpoint_tables = [
  { study = "adrc", datatype = "apoe" },
  { study = "adrc", datatype = "biomarker" },
  { study = "adrc", datatype = "dicom" },
  { study = "adrc", datatype = "enrollment" },
  { study = "adrc", datatype = "form" },
  { study = "adrc", datatype = "genetic-availability" },
  { study = "adrc", datatype = "gwas" },
  { study = "adrc", datatype = "imputation" },
  { study = "adrc", datatype = "scan-analysis" },
  { study = "dvcid", datatype = "form" },
  { study = "leads", datatype = "form" },
]
