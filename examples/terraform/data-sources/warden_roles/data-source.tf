data "warden_roles" "all" {}
