resource "warden_service_account" "ci" {
  name                = "ci-github-actions"
  description         = "Deploys from GitHub Actions"
  deletion_protection = true
}
