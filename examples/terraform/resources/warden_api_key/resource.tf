resource "warden_api_key" "ci" {
  service_account_id = warden_service_account.ci.id
  label              = "github-actions-prod"
  description        = "GitHub Actions secret WARDEN_API_KEY"
  ttl                = "90d"
  rotate_before      = "15d" # the plan proposes a new key from day 75
  grace_period       = "1h"  # the old key keeps working an hour after replacement
  rotation_triggers = {
    owner = "platform-team"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Key material that never reaches state: generated for this run, written once.
ephemeral "warden_key_material" "runner" {}

resource "warden_api_key" "runner" {
  service_account_id = warden_service_account.ci.id
  label              = "self-hosted-runner"
  ttl                = "30d"
  secret_wo          = ephemeral.warden_key_material.runner.token
  secret_wo_version  = 1
}
