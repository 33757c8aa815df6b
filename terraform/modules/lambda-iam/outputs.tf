output "role_arn" {
  description = "ARN of the execution role. Depends on the permissions so a function (and its event source mapping) is only created once the role can read its queue."
  value       = aws_iam_role.this.arn
  depends_on  = [aws_iam_role_policy.this]
}

output "role_name" {
  description = "Name of the execution role."
  value       = aws_iam_role.this.name
}

output "policy_json" {
  description = "The rendered permissions policy, for review."
  value       = data.aws_iam_policy_document.permissions.json
}
