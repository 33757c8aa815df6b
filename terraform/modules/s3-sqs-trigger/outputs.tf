output "queue_arn" {
  description = "ARN of the main queue."
  value       = aws_sqs_queue.this.arn
}

output "queue_url" {
  description = "URL of the main queue."
  value       = aws_sqs_queue.this.id
}

output "queue_name" {
  description = "Name of the main queue."
  value       = aws_sqs_queue.this.name
}

output "dlq_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "dlq_name" {
  description = "Name of the dead-letter queue."
  value       = aws_sqs_queue.dlq.name
}

output "visibility_timeout_seconds" {
  description = "The main queue's visibility timeout (multiplier x function timeout + batching window)."
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}

output "event_source_mapping_uuid" {
  description = "Identifier of the event source mapping."
  value       = aws_lambda_event_source_mapping.this.uuid
}

output "notification_filter" {
  description = "The notification filter, for a stack that owns the bucket's notification configuration."
  value = {
    queue_arn     = aws_sqs_queue.this.arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = var.filter_prefix
    filter_suffix = var.filter_suffix
  }
}
