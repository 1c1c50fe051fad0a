terraform import warden_service_account.ci sa_0123456789abcdefghij   # or the name: ci-github-actions
