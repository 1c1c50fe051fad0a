data "warden_whoami" "me" {}

output "deployer" {
  value = "${data.warden_whoami.me.principal_name} in ${data.warden_whoami.me.organization}"
}
