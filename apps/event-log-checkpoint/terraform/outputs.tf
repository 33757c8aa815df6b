# The outputs of terraform/modules/reporting-lambda (see its README).
output "function_name" {
  description = "Name of the deployed function."
  value       = module.reporting_lambda.function_name
}

output "function_environment" {
  description = "The function's environment variables (its data-source-config)."
  value       = module.reporting_lambda.function_environment
}

output "queue_url" {
  description = "URL of the trigger queue."
  value       = module.reporting_lambda.queue_url
}

output "dlq_name" {
  description = "Dead-letter queue: files that failed every retry."
  value       = module.reporting_lambda.dlq_name
}

output "source_notification" {
  description = "Notification to add to the input bucket when manage_source_bucket_notification is false."
  value       = module.reporting_lambda.source_notification
}

output "checkpoint_bucket_name" {
  description = "Bucket holding the checkpoints and error records."
  value       = module.reporting_lambda.checkpoint_bucket_name
}

output "idempotency_table_name" {
  description = "Powertools idempotency table."
  value       = module.reporting_lambda.idempotency_table_name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify (null when not created)."
  value       = module.reporting_lambda.alarm_topic_arn
}

output "athena" {
  description = "Where analysts query the checkpoints: workgroup, database and tables."
  value       = module.reporting_lambda.athena
}
