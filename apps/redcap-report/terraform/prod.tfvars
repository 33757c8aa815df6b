environment = "prod"
aws_region  = "us-west-2"

# Replace with your organisation's bucket (names are global) and the KMS key of the API tokens.
table_bucket_name = "reporting-redcap-tables-prod"
table_prefix      = "redcap/"
kms_key_arns      = ["arn:aws:kms:us-west-2:123456789012:key/00000000-0000-0000-0000-000000000000"]
log_level         = "INFO"

reports = [
  {
    name           = "enrolment"
    parameter_path = "/reporting/prod/redcap/enrolment"
    report_id      = "42"
    mode           = "overwrite"
    table_key      = "redcap/enrolment/enrolment.parquet"
    schedule       = "cron(0 5 * * ? *)"
  },
  {
    name           = "visits"
    report_id      = null # all records
    parameter_path = "/reporting/prod/redcap/visits"
    mode           = "append"
    table_key      = "redcap/visits/visits.parquet"
    schedule       = "rate(1 day)"
  },
]
