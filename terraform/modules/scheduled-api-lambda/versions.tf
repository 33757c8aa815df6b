terraform {
  # 1.9+: validations may refer to other variables; preconditions are used throughout.
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.90"
    }
  }
}
