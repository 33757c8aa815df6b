# tflint configuration of the whole repo (CI: tflint --recursive --config terraform/.tflint.hcl).
config {
  # Follow local module calls, so a root module's values reach the modules they are passed to.
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

plugin "aws" {
  enabled = true
  version = "0.44.0"
  source  = "github.com/terraform-linters/tflint-ruleset-aws"
}
