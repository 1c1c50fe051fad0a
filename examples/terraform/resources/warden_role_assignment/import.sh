terraform import warden_role_assignment.ci_deployer ra_0123456789abcdefghij   # or sa_…/deployer
