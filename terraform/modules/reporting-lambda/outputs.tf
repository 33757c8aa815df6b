output "function_name" {
  description = "Name of the deployed function."
  value       = module.function.function_name
}

output "function_environment" {
  description = "The function's environment variables (its data-source-config)."
  value       = local.function_environment
}

output "queue_url" {
  description = "URL of the queue fed by the input bucket's notifications."
  value       = module.trigger.queue_url
}

output "dlq_name" {
  description = "Dead-letter queue: files that failed every retry (redrive from the SQS console after a fix)."
  value       = module.trigger.dlq_name
}

output "source_notification" {
  description = "Notification to add to the input bucket when manage_source_bucket_notification is false."
  value       = module.trigger.notification_filter
}

output "checkpoint_bucket_name" {
  description = "Bucket holding the checkpoints and error records."
  value       = module.checkpoint_bucket.bucket_name
}

output "idempotency_table_name" {
  description = "Powertools idempotency table."
  value       = module.idempotency_table.table_name
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify (null when not created)."
  value       = module.monitoring.sns_topic_arn
}

output "athena" {
  description = "Where analysts query the checkpoints: workgroup, database and tables."
  value = {
    workgroup = module.analytics.workgroup_name
    database  = module.analytics.database_name
    tables    = module.analytics.table_names
    # Every checkpoint in one table (partitions study, datatype) and the quarantine records (partition dt).
    all_checkpoints_table = module.analytics.all_checkpoints_table_name
    quarantine_table      = module.analytics.quarantine_table_name
    named_queries         = module.analytics.named_query_ids
  }
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the lambda."
  value       = module.monitoring.dashboard_name
}
