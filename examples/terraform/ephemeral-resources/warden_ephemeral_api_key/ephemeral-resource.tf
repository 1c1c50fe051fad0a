# A key that exists only while this Terraform run does, e.g. for another provider.
ephemeral "warden_ephemeral_api_key" "run" {
  service_account_id = data.warden_service_account.ci.id
  label              = "terraform-run"
  ttl                = "1h"
}
