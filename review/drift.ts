// audit-drift: what exists in the live organization that the Terraform state does not
// declare (accounts and keys made by hand), plus hygiene findings Terraform cannot see:
// keys expiring soon, keys unused for long, disabled accounts still holding keys.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { parseDuration } from '../sdk/duration.ts';
import { loadDocument } from '../sdk/organization-document.ts';
import type { ApiKey, ServiceAccount } from '../sdk/client.ts';
import { InputError } from './plan-input.ts';

export type DriftRule = 'unmanaged-account' | 'unmanaged-key' | 'expiring-key' | 'unused-key' | 'disabled-with-keys';

export interface DriftFinding {
  rule: DriftRule;
  account: string;
  message: string;
}

export interface Managed {
  accountIds: Set<string>;
  keyIds: Set<string>;
  /** From a desired-state document, which names accounts and key labels instead of ids. */
  accountNames: Set<string>;
  keyLabels: Set<string>;
}

/** Managed accounts and keys from an organization document (YAML or JSON). */
export function readManagedFromDocument(path: string): Managed {
  const document = loadDocument(path);
  const managed: Managed = { accountIds: new Set(), keyIds: new Set(), accountNames: new Set(), keyLabels: new Set() };
  for (const account of document.serviceAccounts) {
    managed.accountNames.add(account.name);
    for (const key of account.keys ?? []) {
      managed.keyLabels.add(`${account.name}/${key.label}`);
    }
  }
  for (const retired of document.retired ?? []) {
    managed.accountNames.add(retired.name);
  }
  return managed;
}

/** Managed ids from a .tfstate file, `terraform show -json` output, or a working directory. */
export function readManaged(path: string): Managed {
  let data: any;
  if (statSync(path).isDirectory()) {
    const shown = spawnSync(process.env.TERRAFORM_BINARY_NAME ?? 'terraform', ['show', '-json'], { cwd: path, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (shown.status !== 0) {
      throw new InputError(`"terraform show -json" failed in ${path}: ${shown.stderr.trim()}`);
    }
    data = JSON.parse(shown.stdout);
  } else {
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new InputError(`${path} is not a Terraform state (JSON): ${(error as Error).message}`);
    }
  }
  const managed: Managed = { accountIds: new Set(), keyIds: new Set(), accountNames: new Set(), keyLabels: new Set() };
  const note = (type: string, values: Record<string, any>) => {
    if (type === 'warden_service_account') {
      managed.accountIds.add(values.id);
    } else if (type === 'warden_api_key') {
      managed.keyIds.add(values.id);
    }
  };
  // Raw state file (version 4).
  for (const resource of data.resources ?? []) {
    for (const instance of resource.instances ?? []) {
      note(resource.type, instance.attributes ?? {});
    }
  }
  // `terraform show -json` output.
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) {
      note(r.type, r.values ?? {});
    }
    (module?.child_modules ?? []).forEach(walk);
  };
  walk(data.values?.root_module);
  return managed;
}

export interface DriftOptions {
  now: Date;
  expiringWithin: string;
  unusedFor: string;
  /** Accounts that are expected outside Terraform, e.g. bootstrap-admin. */
  ignoreAccounts: string[];
}

export function analyzeDrift(accounts: ServiceAccount[], keys: ApiKey[], managed: Managed, options: DriftOptions): DriftFinding[] {
  const findings: DriftFinding[] = [];
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
  const now = options.now.getTime();
  const expiring = parseDuration(options.expiringWithin, '--expiring-within');
  const unused = parseDuration(options.unusedFor, '--unused-for');
  const ignored = (id: string) => options.ignoreAccounts.includes(nameOf.get(id) ?? '');
  for (const account of accounts) {
    const declared = managed.accountIds.has(account.id) || managed.accountNames.has(account.name);
    if (!declared && !options.ignoreAccounts.includes(account.name)) {
      findings.push({ rule: 'unmanaged-account', account: account.name, message: `${account.name} (${account.id}) exists but no Terraform state declares it` });
    }
  }
  for (const key of keys.filter((k) => k.status === 'active')) {
    const account = nameOf.get(key.service_account_id) ?? key.service_account_id;
    const declared = managed.keyIds.has(key.id) || managed.keyLabels.has(`${account}/${key.label}`);
    if (!declared && !ignored(key.service_account_id)) {
      findings.push({ rule: 'unmanaged-key', account, message: `key "${key.label}" (${key.prefix}…) was created outside Terraform` });
    }
    if (key.expires_at && Date.parse(key.expires_at) - now <= expiring) {
      findings.push({ rule: 'expiring-key', account, message: `key "${key.label}" expires at ${key.expires_at}, within ${options.expiringWithin}` });
    }
    const lastSeen = key.last_used_at ?? key.created_at;
    if (now - Date.parse(lastSeen) >= unused) {
      findings.push({ rule: 'unused-key', account, message: `key "${key.label}" has not been used for ${options.unusedFor} or more (last use ${key.last_used_at ?? 'never'})` });
    }
  }
  for (const account of accounts.filter((a) => a.disabled)) {
    const active = keys.filter((k) => k.service_account_id === account.id && k.status === 'active');
    if (active.length > 0) {
      findings.push({ rule: 'disabled-with-keys', account: account.name, message: `${account.name} is disabled but still holds ${active.length} active key(s); revoke them or delete the account` });
    }
  }
  return findings;
}

export function renderDrift(findings: DriftFinding[], format: 'text' | 'markdown' | 'json', colour: boolean): string {
  if (format === 'json') {
    return JSON.stringify({ findings, clean: findings.length === 0 }, null, 2) + '\n';
  }
  if (format === 'markdown') {
    if (findings.length === 0) {
      return '## Warden drift audit\n\nNo drift: everything live is declared, and no key needs attention.\n';
    }
    return ['## Warden drift audit', '', '| rule | account | finding |', '| --- | --- | --- |', ...findings.map((f) => `| \`${f.rule}\` | \`${f.account}\` | ${f.message} |`), ''].join('\n');
  }
  if (findings.length === 0) {
    return 'No drift: everything live is declared, and no key needs attention.\n';
  }
  const bold = (t: string) => (colour ? `\u001b[1m${t}\u001b[0m` : t);
  return findings.map((f) => `${bold(f.rule.padEnd(18))} ${f.account}: ${f.message}`).join('\n') + '\n';
}
