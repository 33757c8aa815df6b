# Saved Athena queries: the analyst queries of the event-log spec over one checkpoint of the
# all-checkpoints table. `{checkpoint}` in each query stands for that checkpoint's rows; the console
# asks for each partition key (e.g. study and datatype), then for the query's own `?` parameters.
locals {
  one_checkpoint = "(SELECT * FROM \"${aws_glue_catalog_database.this.name}\".\"${aws_glue_catalog_table.all_checkpoints.name}\" WHERE ${join(" AND ", [for key in var.partition_keys : "${key} = ?"])}) AS events"
}

resource "aws_athena_named_query" "analyst" {
  for_each    = var.named_queries
  name        = each.key
  description = each.value.description
  workgroup   = aws_athena_workgroup.this.id
  database    = aws_glue_catalog_database.this.name
  query       = replace(each.value.sql, "{checkpoint}", local.one_checkpoint)
}
