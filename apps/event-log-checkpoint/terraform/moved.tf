# State written before the wiring moved into terraform/modules/reporting-lambda keeps its resources:
# without these blocks Terraform would destroy and recreate them (buckets, table, queues).

moved {
  from = module.source_bucket
  to   = module.reporting_lambda.module.source_bucket
}

moved {
  from = module.checkpoint_bucket
  to   = module.reporting_lambda.module.checkpoint_bucket
}

moved {
  from = module.athena_results_bucket
  to   = module.reporting_lambda.module.athena_results_bucket
}

moved {
  from = module.idempotency_table
  to   = module.reporting_lambda.module.idempotency_table
}

moved {
  from = module.iam
  to   = module.reporting_lambda.module.iam
}

moved {
  from = module.function
  to   = module.reporting_lambda.module.function
}

moved {
  from = module.trigger
  to   = module.reporting_lambda.module.trigger
}

moved {
  from = module.monitoring
  to   = module.reporting_lambda.module.monitoring
}

moved {
  from = module.analytics
  to   = module.reporting_lambda.module.analytics
}
