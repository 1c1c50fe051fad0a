resource "warden_role" "deployer" {
  name        = "deployer"
  description = "Issues and rotates deployment keys"
  permissions = ["org:read", "service_accounts:read", "keys:read", "keys:write", "keys:revoke"]
}
