data "warden_service_account" "ci" {
  name = "ci-github-actions"
}
