output "sns_topic_arn" {
  description = "ARN of the created alarm topic, or null."
  value       = one(aws_sns_topic.alarms[*].arn)
}

output "alarm_names" {
  description = "Names of the alarms, by purpose."
  value = {
    errors                   = aws_cloudwatch_metric_alarm.errors.alarm_name
    throttles                = aws_cloudwatch_metric_alarm.throttles.alarm_name
    dlq_depth                = aws_cloudwatch_metric_alarm.dlq_depth.alarm_name
    oldest_message_age       = aws_cloudwatch_metric_alarm.oldest_message_age.alarm_name
    events_failed            = aws_cloudwatch_metric_alarm.events_failed.alarm_name
    checkpoint_save_failures = aws_cloudwatch_metric_alarm.checkpoint_save_failures.alarm_name
  }
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the function, its queues and its custom metrics."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}
