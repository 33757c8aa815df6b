output "database_name" {
  description = "Glue database name (Athena: FROM <database>.<table>)."
  value       = aws_glue_catalog_database.this.name
}

output "table_names" {
  description = "Table name => S3 location of each checkpoint table."
  value       = { for name, table in aws_glue_catalog_table.checkpoint : name => table.storage_descriptor[0].location }
}

output "workgroup_name" {
  description = "Athena workgroup analysts select."
  value       = aws_athena_workgroup.this.name
}

output "column_names" {
  description = "Columns of every checkpoint table, in order."
  value       = [for column in var.columns : column.name]
}

output "all_checkpoints_table_name" {
  description = "Table over every checkpoint, partitioned by the partition keys (projected)."
  value       = aws_glue_catalog_table.all_checkpoints.name
}

output "quarantine_table_name" {
  description = "Table over the quarantine records (JSON), partition key dt (projected)."
  value       = aws_glue_catalog_table.quarantine.name
}

output "named_query_ids" {
  description = "Saved Athena query name => id."
  value       = { for name, query in aws_athena_named_query.analyst : name => query.id }
}
