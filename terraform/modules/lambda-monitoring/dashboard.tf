data "aws_region" "current" {}

# The custom metrics are emitted by the function with Powertools Metrics (EMF): namespace
# POWERTOOLS_METRICS_NAMESPACE, default dimension service = POWERTOOLS_SERVICE_NAME, and the per-checkpoint
# metrics (EventsProcessed, OutputFileSize, CheckpointSaveFailures) also Study and Datatype. A SEARCH over
# that dimension set draws one line per Study/Datatype pair the function has reported, without listing them.
locals {
  region       = data.aws_region.current.name
  per_pair     = "{\"${var.metrics_namespace}\",Datatype,Study,service} service=\"${var.service_name}\""
  search_stats = { EventsProcessed = "Sum", EventsFailed = "Sum", CheckpointSaveFailures = "Sum", OutputFileSize = "Maximum" }
  search       = { for metric, stat in local.search_stats : metric => "SEARCH('${local.per_pair} MetricName=\"${metric}\"', '${stat}', ${var.period_seconds})" }
  widget_shape = { width = 12, height = 6 }

  dashboard_widgets = [
    {
      type = "metric"
      properties = {
        title  = "Events processed by Study/Datatype (rows appended)"
        region = local.region
        view   = "timeSeries"
        stat   = "Sum"
        period = var.period_seconds
        metrics = [
          [{ id = "processed", expression = local.search.EventsProcessed, label = "" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Events failed (quarantined), by Study/Datatype where reported"
        region = local.region
        view   = "timeSeries"
        stat   = "Sum"
        period = var.period_seconds
        metrics = [
          [var.metrics_namespace, "EventsFailed", "service", var.service_name, { label = "all" }],
          [{ id = "failedByPair", expression = local.search.EventsFailed, label = "" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Duration p50 / p95 (ms)"
        region = local.region
        view   = "timeSeries"
        period = var.period_seconds
        metrics = [
          ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p50", label = "p50" }],
          ["AWS/Lambda", "Duration", "FunctionName", var.function_name, { stat = "p95", label = "p95" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Concurrent executions"
        region = local.region
        view   = "timeSeries"
        period = var.period_seconds
        metrics = [
          ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", var.function_name, { stat = "Maximum" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Age of oldest message in the queue (s)"
        region = local.region
        view   = "timeSeries"
        period = var.period_seconds
        metrics = [
          ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", var.queue_name, { stat = "Maximum" }],
        ]
        annotations = {
          horizontal = [{ label = "alarm", value = var.oldest_message_age_threshold_seconds }]
        }
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Dead-letter queue depth"
        region = local.region
        view   = "timeSeries"
        period = var.period_seconds
        metrics = [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dlq_name, { stat = "Maximum" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Checkpoint save failures by Study/Datatype"
        region = local.region
        view   = "timeSeries"
        stat   = "Sum"
        period = var.period_seconds
        metrics = [
          [{ id = "saveFailures", expression = local.search.CheckpointSaveFailures, label = "" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title  = "Checkpoint file size after append (bytes), by Study/Datatype"
        region = local.region
        view   = "timeSeries"
        stat   = "Maximum"
        period = var.period_seconds
        metrics = [
          [{ id = "outputSize", expression = local.search.OutputFileSize, label = "" }],
        ]
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name_prefix
  dashboard_body = jsonencode({
    widgets = [
      for i, widget in local.dashboard_widgets : merge(widget, local.widget_shape, { x = (i % 2) * 12, y = floor(i / 2) * 6 })
    ]
  })
}
