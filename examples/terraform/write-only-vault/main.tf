# The write-only path, all the way: a key whose material never reaches state or plan,
# delivered to its consumer through a secret store's own write-only attribute.
#
#   ephemeral.warden_key_material.runner  (a fresh wdn_ token, generated in this run only)
#     ├─> warden_api_key.runner.secret_wo          (Warden stores its hash)
#     └─> vault_kv_secret_v2.runner.data_json_wo   (vault.tf: the runner reads it from Vault)
#
# Needs Terraform ≥ 1.11 and, for vault.tf, hashicorp/vault ≥ 5.0 (write-only attributes).
# This file alone applies with only the warden provider; vault.tf adds the secret store.
terraform {
  required_providers {
    warden = {
      source  = "wardenhq/warden"
      version = "~> 0.1"
    }
  }
}

provider "warden" {}

resource "warden_service_account" "runner" {
  name        = "runner-write-only"
  description = "Self-hosted CI runner; its key lives only in Vault"
}

resource "warden_service_account_roles" "runner" {
  service_account_id = warden_service_account.runner.id
  roles              = ["reader"]
}

# Runs on every plan and apply and is never stored. Both consumers below get the same token.
ephemeral "warden_key_material" "runner" {}

resource "warden_api_key" "runner" {
  service_account_id = warden_service_account.runner.id
  label              = "self-hosted-runner"
  description        = "Material from ephemeral.warden_key_material; secret is null in state"
  ttl                = "30d"
  secret_wo          = ephemeral.warden_key_material.runner.token
  # Write-only values cannot be compared: bump this (and data_json_wo_version) to rotate.
  secret_wo_version = 1
}

output "runner_key_prefix" {
  value = warden_api_key.runner.prefix
}
