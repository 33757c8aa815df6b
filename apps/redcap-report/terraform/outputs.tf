output "function_name" {
  description = "The REDCap report function."
  value       = module.redcap_report.function_name
}

output "function_arn" {
  description = "The function's ARN (direct invocation: {\"report\": \"<name>\", \"mode\"?: ...})."
  value       = module.redcap_report.function_arn
}

output "table_bucket_name" {
  description = "Bucket of the report tables."
  value       = module.redcap_report.table_bucket_name
}

output "schedule_names" {
  description = "The schedules, by report."
  value       = module.redcap_report.schedule_names
}
