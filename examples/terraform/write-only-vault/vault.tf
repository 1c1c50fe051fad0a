# The secret store half: Vault's KV v2 takes the token through its write-only attribute
# data_json_wo, so neither Warden's state nor Vault's resource state ever holds it.
# The runner reads it with `vault kv get -field=token secret/ci/runner`.
#
# Not applied by this repository's tests (no registry access here to install
# hashicorp/vault); main.tf is. For AWS the same shape is
#   resource "aws_secretsmanager_secret_version" "runner" {
#     secret_id                = aws_secretsmanager_secret.runner.id
#     secret_string_wo         = ephemeral.warden_key_material.runner.token
#     secret_string_wo_version = warden_api_key.runner.secret_wo_version
#   }
terraform {
  required_providers {
    vault = {
      source  = "hashicorp/vault"
      version = ">= 5.0"
    }
  }
}

# VAULT_ADDR and VAULT_TOKEN from the environment.
provider "vault" {}

resource "vault_kv_secret_v2" "runner" {
  mount = "secret"
  name  = "ci/runner"
  data_json_wo = jsonencode({
    token = ephemeral.warden_key_material.runner.token
  })
  # Rewritten whenever the key is re-issued from new material.
  data_json_wo_version = warden_api_key.runner.secret_wo_version
}
