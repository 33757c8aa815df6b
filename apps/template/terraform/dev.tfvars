environment = "dev"
aws_region  = "us-west-2"

# Replace the bucket names with your organisation's (bucket names are global).
source_bucket_name         = "reporting-template-input-dev"
create_source_bucket       = true
source_prefix              = "dev/"
checkpoint_bucket_name     = "reporting-template-checkpoints-dev"
athena_results_bucket_name = "reporting-template-athena-dev"

log_level                             = "DEBUG"
memory_size_mb                        = 1024
timeout_seconds                       = 120
maximum_concurrency                   = 2
log_retention_days                    = 14
idempotency_table_deletion_protection = false
create_alarm_topic                    = false

checkpoint_tables = [
  { study = "adrc", datatype = "form" },
]
