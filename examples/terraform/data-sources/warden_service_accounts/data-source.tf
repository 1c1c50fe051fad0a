data "warden_service_accounts" "ci" {
  name_prefix = "ci-"
}
