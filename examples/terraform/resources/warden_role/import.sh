terraform import warden_role.deployer deployer
