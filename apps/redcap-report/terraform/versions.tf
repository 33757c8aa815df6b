terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.90"
    }
  }

  # Partial configuration: bucket, key, region and locking come from
  # `terraform init -backend-config=<env>.s3.tfbackend` (see docs/deployment.md).
  backend "s3" {}
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Application = "redcap-report"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
