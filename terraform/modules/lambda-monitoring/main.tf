resource "aws_sns_topic" "alarms" {
  count             = var.create_sns_topic ? 1 : 0
  name              = "${var.name_prefix}-alarms"
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = var.create_sns_topic ? toset(var.alarm_email_endpoints) : toset([])
  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

locals {
  actions = concat(aws_sns_topic.alarms[*].arn, var.alarm_action_arns)
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${var.name_prefix}-errors"
  alarm_description   = "The function failed invocations (whole batches returned to the queue)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.errors_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  alarm_name          = "${var.name_prefix}-throttles"
  alarm_description   = "Invocations were throttled: reserved concurrency is below the event source's maximum concurrency, or the account limit is reached."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = var.function_name }
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.throttles_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  alarm_name          = "${var.name_prefix}-dlq-not-empty"
  alarm_description   = "Messages reached the dead-letter queue: files that failed every retry. Investigate, then redrive."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dlq_name }
  statistic           = "Maximum"
  period              = var.period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "oldest_message_age" {
  alarm_name          = "${var.name_prefix}-queue-falling-behind"
  alarm_description   = "The oldest message in the queue is older than the threshold: processing is falling behind or stopped."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = var.queue_name }
  statistic           = "Maximum"
  period              = var.period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.oldest_message_age_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# Custom metric emitted by the function with Powertools Metrics (EMF): namespace
# POWERTOOLS_METRICS_NAMESPACE, default dimension service = POWERTOOLS_SERVICE_NAME.
resource "aws_cloudwatch_metric_alarm" "events_failed" {
  alarm_name          = "${var.name_prefix}-events-failed"
  alarm_description   = "The function reported failed events (EventsFailed): files it could not accept (quarantined under ERRORS_PREFIX, EventsQuarantined) or must retry (EventsRetried)."
  namespace           = var.metrics_namespace
  metric_name         = "EventsFailed"
  dimensions          = { service = var.service_name }
  statistic           = "Sum"
  period              = var.period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.events_failed_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# CheckpointSaveFailures carries Study and Datatype besides service: a Metrics Insights query sums it over
# every pair, so a new study or datatype is watched without changing the alarm.
resource "aws_cloudwatch_metric_alarm" "checkpoint_save_failures" {
  alarm_name          = "${var.name_prefix}-checkpoint-save-failures"
  alarm_description   = "A checkpoint append failed (CheckpointSaveFailures): its objects are retried; repeated failures end in the DLQ. Check the function's 'checkpoint save failed' log lines."
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.checkpoint_save_failures_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "failures"
    expression  = "SELECT SUM(CheckpointSaveFailures) FROM SCHEMA(\"${var.metrics_namespace}\", Datatype, Study, service) WHERE service = '${var.service_name}'"
    period      = var.period_seconds
    return_data = true
  }
}
