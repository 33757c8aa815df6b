# `terraform test` for the reporting-lambda module with a mocked AWS provider: no credentials, no
# AWS calls, but the real provider schema (`terraform init` downloads it), so every argument is
# validated by the provider itself. Runs in CI (.github/workflows/ci.yml, job terraform).

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "us-west-2" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  # Role and bucket policies must be JSON; a mocked data source would return a random string.
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
}

variables {
  name         = "reporting-test-template"
  environment  = "test"
  description  = "terraform test of the reporting-lambda module"
  service_name = "template"
  # The plan hashes the bundle (filebase64sha256); any existing file will do.
  package_path               = "README.md"
  source_bucket_name         = "reporting-test-input"
  source_prefix              = "test/"
  checkpoint_bucket_name     = "reporting-test-checkpoints"
  athena_results_bucket_name = "reporting-test-athena"
  checkpoint_tables          = [{ study = "adrc", datatype = "form" }]
  # A root passes jsondecode(file("table-columns.json")); a few visit-event columns will do here.
  table = {
    schema             = "visit-event"
    key_placeholders   = ["study", "datatype"]
    placeholder_values = { study = [], datatype = ["form", "dicom"] }
    columns = [
      { name = "study", type = "string" },
      { name = "ptid", type = "string" },
      { name = "datatype", type = "string" },
      { name = "timestamp", type = "timestamp" },
    ]
  }
}

run "plans_with_the_contract_environment" {
  command = plan

  assert {
    condition     = output.function_name == var.name
    error_message = "The function is not named after var.name."
  }

  # The checkpoint bucket is created, so its id (CHECKPOINT_BUCKET) is known only after apply.
  assert {
    condition = { for key, value in output.function_environment : key => value if key != "CHECKPOINT_BUCKET" } == {
      SOURCE_BUCKET                = "reporting-test-input"
      SOURCE_PREFIX                = "test/"
      CHECKPOINT_KEY_TEMPLATE      = "checkpoints/{study}/{datatype}/events.parquet"
      ERRORS_PREFIX                = "errors/"
      IDEMPOTENCY_TABLE            = "reporting-test-template-idempotency"
      MAX_FILE_BYTES               = "1048576"
      LOG_LEVEL                    = "INFO"
      POWERTOOLS_SERVICE_NAME      = "template"
      POWERTOOLS_METRICS_NAMESPACE = "ReportingLambdas"
    }
    error_message = "The function environment differs from the data-source-config contract."
  }
}

run "applies_against_the_mocked_provider" {
  command = apply

  # A mocked bucket id would be a random string; the real one is the bucket's name.
  override_resource {
    target = module.checkpoint_bucket.aws_s3_bucket.this
    values = { id = "reporting-test-checkpoints" }
  }

  assert {
    condition     = output.function_environment.CHECKPOINT_BUCKET == "reporting-test-checkpoints"
    error_message = "CHECKPOINT_BUCKET is not the checkpoint bucket."
  }

  assert {
    condition     = output.athena.tables != null && length(output.athena.tables) == 1
    error_message = "Expected one Athena table for the one checkpoint table."
  }
}

run "rejects_a_checkpoint_key_without_folders" {
  command = plan

  variables {
    checkpoint_key_template = "events.parquet"
  }

  expect_failures = [var.checkpoint_key_template]
}

# Another table: its placeholders name the checkpoints, the key template and the partitions.
run "derives_the_key_template_and_tables_from_the_placeholders" {
  command = plan

  variables {
    table = {
      schema             = "lab-result"
      key_placeholders   = ["adcid", "assay"]
      placeholder_values = { adcid = [], assay = ["abeta42", "ptau217"] }
      columns = [
        { name = "adcid", type = "int" },
        { name = "assay", type = "string" },
        { name = "value", type = "double" },
      ]
    }
    checkpoint_tables = [{ adcid = "44", assay = "ptau217" }]
  }

  assert {
    condition     = output.function_environment.CHECKPOINT_KEY_TEMPLATE == "checkpoints/{adcid}/{assay}/events.parquet"
    error_message = "The default key template is not over the table's placeholders."
  }

  assert {
    condition     = keys(output.athena.tables) == ["44_ptau217"]
    error_message = "Expected the Athena table 44_ptau217."
  }
}

run "rejects_a_key_template_without_the_tables_placeholders" {
  command = plan

  variables {
    checkpoint_key_template = "checkpoints/{study}/events.parquet"
  }

  expect_failures = [var.checkpoint_key_template]
}

run "rejects_checkpoint_tables_with_other_placeholders" {
  command = plan

  variables {
    checkpoint_tables = [{ adcid = "44", assay = "ptau217" }]
  }

  expect_failures = [var.checkpoint_tables]
}
