output "bucket_name" {
  description = "Name of the bucket (available once its protections are applied)."
  value       = local.bucket
  depends_on  = [aws_s3_bucket_public_access_block.this, aws_s3_bucket_policy.this, aws_s3_bucket_server_side_encryption_configuration.this]
}

output "bucket_arn" {
  description = "ARN of the bucket."
  value       = local.bucket_arn
}

output "policy_json" {
  description = "The rendered bucket policy, for review."
  value       = data.aws_iam_policy_document.bucket.json
}
