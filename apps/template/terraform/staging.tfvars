environment = "staging"
aws_region  = "us-west-2"

source_bucket_name         = "reporting-template-input-staging"
create_source_bucket       = false
source_prefix              = "staging/"
checkpoint_bucket_name     = "reporting-template-checkpoints-staging"
athena_results_bucket_name = "reporting-template-athena-staging"

log_level           = "INFO"
memory_size_mb      = 1024
timeout_seconds     = 120
maximum_concurrency = 3
log_retention_days  = 30
create_alarm_topic  = true

checkpoint_tables = [
  { study = "adrc", datatype = "form" },
  { study = "dvcid", datatype = "form" },
]
