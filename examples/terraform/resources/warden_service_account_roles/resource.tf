resource "warden_service_account_roles" "ci" {
  service_account_id = warden_service_account.ci.id
  roles              = ["member"]
}
