// audit-drift: what Terraform cannot see. Service accounts and keys that exist in the
// live organization but not in the state or document (made by hand), and hygiene
// findings: keys expiring soon, keys unused for long, disabled accounts that still hold
// active keys. Pure: the live inventory comes in already fetched (live.ts).
import { parseDuration } from '../sdk/duration.ts';
import type { Declared } from './drift-input.ts';
import type { LiveInventory } from './live.ts';
import type { DriftFinding, DriftReport } from './model.ts';

export interface DriftOptions {
  expiringWithin: string;
  unusedFor: string;
  /** Accounts audit-drift skips entirely, e.g. `bootstrap-admin` made by `warden init`. */
  ignoreAccounts: readonly string[];
}

const DAY = 86_400_000;
const ago = (ms: number) =>
  ms >= DAY ? `${Math.floor(ms / DAY)}d` : ms >= 3_600_000 ? `${Math.floor(ms / 3_600_000)}h` : `${Math.max(0, Math.floor(ms / 60_000))}m`;

export function analyzeDrift(live: LiveInventory, declared: Declared, options: DriftOptions): DriftReport {
  const now = live.now.getTime();
  const expiring = parseDuration(options.expiringWithin, '--expiring-within');
  const unused = parseDuration(options.unusedFor, '--unused-for');
  const findings: DriftFinding[] = [];
  const accountById = new Map(live.accounts.map((a) => [a.id, a]));
  const active = live.keys.filter((k) => k.status === 'active');
  const activeOf = (id: string) => active.filter((k) => k.service_account_id === id);
  const isDeclaredAccount = (a: { id: string; name: string }) => declared.accountIds.has(a.id) || declared.accountNames.has(a.name);

  for (const account of live.accounts) {
    if (options.ignoreAccounts.includes(account.name)) {
      continue;
    }
    const keys = activeOf(account.id);
    if (!isDeclaredAccount(account)) {
      const holding = keys.length > 0 ? `, holding ${keys.length} active key(s)` : '';
      findings.push({
        rule: 'unmanaged-account',
        severity: 'medium',
        account: account.name,
        message: `${account.name} (${account.id}) exists but is not declared${holding}; import it or delete it`,
      });
    }
    if (account.disabled && keys.length > 0) {
      findings.push({
        rule: 'disabled-with-keys',
        severity: 'medium',
        account: account.name,
        message: `${account.name} is disabled but still holds ${keys.length} active key(s) (${keys.map((k) => k.label).join(', ')}); enabling it brings them back — revoke them or delete the account`,
      });
    }
  }
  for (const key of active) {
    const account = accountById.get(key.service_account_id);
    const name = account?.name ?? key.service_account_id;
    if (options.ignoreAccounts.includes(name)) {
      continue;
    }
    // Revoked with a grace period (the old half of a zero-downtime rotation): Terraform has
    // already let go of it and the server stops it on its own. Worth knowing, not drift.
    if (key.revoked_at && Date.parse(key.revoked_at) > now) {
      findings.push({
        rule: 'retiring-key',
        severity: 'info',
        account: name,
        key: key.label,
        message: `key "${key.label}" (${key.prefix}…) is retiring until ${key.revoked_at} (revoked with a grace period, ${ago(Date.parse(key.revoked_at) - now)} left)`,
      });
      continue;
    }
    const declaredKey = declared.keyIds.has(key.id) || declared.keyLabels.has(`${name}/${key.label}`);
    // Keys of an undeclared account are covered by its unmanaged-account finding.
    if (!declaredKey && account && isDeclaredAccount(account)) {
      findings.push({
        rule: 'unmanaged-key',
        severity: 'high',
        account: name,
        key: key.label,
        message: `key "${key.label}" (${key.prefix}…, ${key.id}) was created outside Terraform and never reviewed`,
      });
    }
    if (key.expires_at) {
      const left = Date.parse(key.expires_at) - now;
      if (left <= expiring) {
        findings.push({
          rule: 'expiring-key',
          severity: left <= expiring / 2 ? 'medium' : 'low',
          account: name,
          key: key.label,
          message: `key "${key.label}" expires in ${ago(left)} (${key.expires_at}), within ${options.expiringWithin}`,
        });
      }
    }
    const lastSeen = key.last_used_at ?? key.created_at;
    const idle = now - Date.parse(lastSeen);
    if (idle >= unused) {
      const when = key.last_used_at ? `last used ${key.last_used_at}` : `never used since its creation at ${key.created_at}`;
      findings.push({
        rule: 'unused-key',
        severity: 'low',
        account: name,
        key: key.label,
        message: `key "${key.label}" has not been used for ${ago(idle)} (${when}), over ${options.unusedFor}; revoke it if nothing needs it`,
      });
    }
  }
  findings.sort((a, b) => a.account.localeCompare(b.account) || a.rule.localeCompare(b.rule) || (a.key ?? '').localeCompare(b.key ?? ''));
  return {
    source: declared.source,
    checkedAt: live.now.toISOString(),
    counts: {
      accounts: live.accounts.length,
      activeKeys: active.length,
      retiringKeys: active.filter((k) => k.revoked_at && Date.parse(k.revoked_at) > now).length,
      managedAccounts: live.accounts.filter(isDeclaredAccount).length,
      managedKeys: active.filter((k) => declared.keyIds.has(k.id) || declared.keyLabels.has(`${accountById.get(k.service_account_id)?.name}/${k.label}`))
        .length,
    },
    findings,
  };
}
