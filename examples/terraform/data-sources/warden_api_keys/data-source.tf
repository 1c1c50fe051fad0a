data "warden_api_keys" "expiring" {
  status = "active"
}

output "keys_expiring_within_14_days" {
  value = [for k in data.warden_api_keys.expiring.keys : k.label if k.expires_at != null && timecmp(k.expires_at, timeadd(plantimestamp(), "336h")) < 0]
}
