terraform import warden_api_key.ci key_0123456789abcdefghij   # imported keys have no secret
