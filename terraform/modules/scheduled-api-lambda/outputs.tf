output "function_name" {
  description = "The function's name."
  value       = module.function.function_name
}

output "function_arn" {
  description = "The function's ARN (direct invocation: {\"report\": \"<name>\", \"mode\"?: ...})."
  value       = module.function.function_arn
}

output "role_arn" {
  description = "The function's execution role."
  value       = aws_iam_role.this.arn
}

output "table_bucket_name" {
  description = "Bucket of the tables."
  value       = module.table_bucket.bucket_name
}

output "schedule_names" {
  description = "The EventBridge Scheduler schedules, by report."
  value       = { for name, schedule in aws_scheduler_schedule.report : name => schedule.name }
}
