# Plain HCL quickstart: like examples/quickstart without CDKTF, with its own names
# (ci-deployer-hcl) so that both can run against one organization.
# From the repository root (README, "Terraform"):
#   npx warden init --org acme-tf --data-dir .warden-tf --key-file .warden-tf/admin.key
#   npx warden server --data-dir .warden-tf --port 8081 &
#   export WARDEN_ENDPOINT=http://127.0.0.1:8081 WARDEN_API_KEY=$(cat .warden-tf/admin.key)
#   export TF_CLI_CONFIG_FILE=$PWD/dist/terraform/terraform.rc
#   cd examples/terraform/quickstart && terraform init && terraform apply
# The `runner` key's material never reaches state; ../write-only-vault shows how it reaches
# its consumer through a secret store's own write-only attribute.
terraform {
  required_providers {
    warden = {
      source  = "wardenhq/warden"
      version = "~> 0.1"
    }
  }
}

provider "warden" {}

resource "warden_role" "deployer" {
  name        = "deployer"
  description = "Issues and rotates deployment keys"
  permissions = ["org:read", "service_accounts:read", "keys:read", "keys:write", "keys:revoke"]
}

resource "warden_service_account" "ci" {
  name        = "ci-deployer-hcl"
  description = "Deploys from GitHub Actions"
}

resource "warden_service_account_roles" "ci" {
  service_account_id = warden_service_account.ci.id
  roles              = ["member", warden_role.deployer.id]
}

resource "warden_api_key" "ci" {
  service_account_id = warden_service_account.ci.id
  label              = "github-actions-prod"
  description        = "GitHub Actions secret WARDEN_API_KEY"
  ttl                = "90d"
  rotate_before      = "15d"
  grace_period       = "1h"

  lifecycle {
    create_before_destroy = true
  }
}

ephemeral "warden_key_material" "runner" {}

resource "warden_api_key" "runner" {
  service_account_id = warden_service_account.ci.id
  label              = "self-hosted-runner"
  description        = "Key material never stored in state"
  ttl                = "30d"
  secret_wo          = ephemeral.warden_key_material.runner.token
  secret_wo_version  = 1
}

data "warden_api_keys" "ci" {
  service_account_id = warden_service_account.ci.id
  depends_on         = [warden_api_key.ci, warden_api_key.runner]
}

output "ci_key" {
  value     = warden_api_key.ci.secret
  sensitive = true
}

output "ci_key_count" {
  value = length(data.warden_api_keys.ci.keys)
}
