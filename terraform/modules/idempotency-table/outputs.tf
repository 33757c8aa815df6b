output "table_name" {
  description = "Name of the table (the function's IDEMPOTENCY_TABLE)."
  value       = aws_dynamodb_table.this.name
}

output "table_arn" {
  description = "ARN of the table (for lambda-iam)."
  value       = aws_dynamodb_table.this.arn
}

output "key_attribute_name" {
  description = "Partition key attribute (string)."
  value       = local.key_attribute
}

output "ttl_attribute_name" {
  description = "TTL attribute (epoch seconds)."
  value       = local.ttl_attribute
}
