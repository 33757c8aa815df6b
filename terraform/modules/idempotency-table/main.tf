# Attribute names of the Powertools for AWS Lambda (TypeScript) DynamoDBPersistenceLayer defaults
# (keyAttr "id", expiryAttr "expiration"). The function's code must use the same names: the test
# project @reporting/terraform-modules checks both sides.
locals {
  key_attribute = "id"
  ttl_attribute = "expiration"
}

resource "aws_dynamodb_table" "this" {
  name                        = var.table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = local.key_attribute
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = local.key_attribute
    type = "S"
  }

  # Expired records are removed by DynamoDB; Powertools also treats them as absent before removal.
  ttl {
    attribute_name = local.ttl_attribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}
