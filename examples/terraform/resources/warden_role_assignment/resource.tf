resource "warden_role_assignment" "ci_deployer" {
  service_account_id = warden_service_account.ci.id
  # Reference custom roles through the resource so they exist before the grant.
  role = warden_role.deployer.id
}
