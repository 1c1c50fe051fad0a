ephemeral "warden_key_material" "runner" {}
