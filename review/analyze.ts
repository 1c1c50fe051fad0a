// Turns a Terraform plan into a credential review: per service account, what happens to
// it, its keys and its roles; plus flags for what deserves a second look. Pure: live
// facts (last key use) come in through `liveUsage`.
import { parseDuration } from '../sdk/duration.ts';
import type { PlanJson, ResourceChange, StateModule } from './plan-input.ts';

export type FlagRule = 'escalation' | 'non-expiring' | 'ttl-above-limit' | 'delete-in-use' | 'rotation-without-grace';
export const FLAG_RULES: FlagRule[] = ['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'rotation-without-grace'];

export interface Flag {
  rule: FlagRule;
  severity: 'high' | 'medium' | 'low';
  account: string;
  message: string;
}

export interface Change {
  kind:
    | 'account-created' | 'account-deleted' | 'account-disabled' | 'account-enabled' | 'account-updated'
    | 'key-created' | 'key-rotated' | 'key-revoked' | 'key-updated' | 'ttl-changed'
    | 'role-granted' | 'role-removed';
  subject: string;
  detail: string;
}

export interface AccountReview {
  account: string;
  changes: Change[];
}

export interface RoleDefinitionChange {
  role: string;
  action: 'created' | 'updated' | 'deleted';
  permissions: string[];
}

export interface Review {
  accounts: AccountReview[];
  roles: RoleDefinitionChange[];
  flags: Flag[];
}

export interface AnalyzeOptions {
  maxTtl: string;
  /** Accounts allowed to receive admin or management roles. */
  allowAdmin?: string[];
  /** Last key use per service account id, when the live organization could be asked. */
  liveUsage?: Map<string, string | null>;
  /** How recent a key use counts as "in use". */
  inUseWithin?: string;
  now?: Date;
}

const MANAGEMENT = new Set(['roles:write', 'role_assignments:write']);
const ACCOUNT = 'warden_service_account';

const isReplace = (actions: string[]) => actions.includes('create') && actions.includes('delete');
const baseAddress = (address: string) => address.replace(/\[[^\]]*\]$/, '');

function stateResources(module: StateModule | undefined): { address: string; type: string; values: Record<string, any> }[] {
  if (!module) {
    return [];
  }
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(stateResources)];
}

export function analyzePlan(plan: PlanJson, options: AnalyzeOptions): Review {
  const changes = (plan.resource_changes ?? []).filter((rc) => rc.mode !== 'data' && rc.type.startsWith('warden_'));
  const prior = stateResources(plan.prior_state?.values?.root_module);
  const now = options.now ?? (plan.timestamp ? new Date(plan.timestamp) : new Date());
  const maxTtlMs = parseDuration(options.maxTtl, 'max_ttl');

  // Service account names: by id (prior state and befores) and by address (for accounts the plan creates).
  const nameById = new Map<string, string>();
  const nameByAddress = new Map<string, string>();
  for (const r of prior.filter((r) => r.type === ACCOUNT)) {
    nameById.set(r.values.id, r.values.name);
    nameByAddress.set(r.address, r.values.name);
  }
  for (const rc of changes.filter((rc) => rc.type === ACCOUNT)) {
    const name = rc.change.after?.name ?? rc.change.before?.name;
    if (rc.change.before?.id) {
      nameById.set(rc.change.before.id, name);
    }
    nameByAddress.set(rc.address, name);
  }
  const references = new Map<string, string[]>();
  for (const r of plan.configuration?.root_module?.resources ?? []) {
    references.set(r.address, r.expressions?.service_account_id?.references ?? []);
  }
  const accountOf = (rc: ResourceChange): string => {
    const id = rc.change.after?.service_account_id ?? rc.change.before?.service_account_id;
    if (typeof id === 'string' && nameById.has(id)) {
      return nameById.get(id)!;
    }
    for (const ref of references.get(baseAddress(rc.address)) ?? []) {
      const target = ref.replace(/\.id$/, '');
      const indexed = rc.index !== undefined ? `${target}[${JSON.stringify(rc.index)}]` : target;
      const name = nameByAddress.get(indexed) ?? nameByAddress.get(target);
      if (name) {
        return name;
      }
    }
    return typeof id === 'string' ? id : '(unknown account)';
  };

  // What each role can do, as far as escalation goes: of the built-ins only admin manages
  // permissions; custom roles as they will be after this plan.
  const rolePermissions = new Map<string, string[]>([
    ['admin', [...MANAGEMENT]],
    ['member', []],
    ['snapshotter', []],
    ['reader', []],
  ]);
  for (const r of prior.filter((r) => r.type === 'warden_role')) {
    rolePermissions.set(r.values.name, r.values.permissions ?? []);
  }
  const roles: RoleDefinitionChange[] = [];
  for (const rc of changes.filter((rc) => rc.type === 'warden_role' && !rc.change.actions.includes('no-op'))) {
    const value = rc.change.after ?? rc.change.before!;
    rolePermissions.set(value.name, value.permissions ?? []);
    const action = rc.change.actions.includes('delete') && !rc.change.actions.includes('create') ? 'deleted' : rc.change.actions.includes('create') && !rc.change.before ? 'created' : 'updated';
    roles.push({ role: value.name, action, permissions: value.permissions ?? [] });
  }

  const byAccount = new Map<string, Change[]>();
  const flags: Flag[] = [];
  const add = (account: string, change: Change) => byAccount.set(account, [...(byAccount.get(account) ?? []), change]);
  const grant = (account: string, role: string, via: string) => {
    add(account, { kind: 'role-granted', subject: role, detail: `granted ${role}${via}` });
    const permissions = rolePermissions.get(role) ?? [];
    const privileged = role === 'admin' || permissions.some((p) => MANAGEMENT.has(p));
    if (privileged && !(options.allowAdmin ?? []).includes(account)) {
      flags.push({ rule: 'escalation', severity: 'high', account, message: `${account} is granted "${role}", which ${role === 'admin' ? 'is full control' : 'manages permissions'}` });
    }
  };
  const ttlOf = (value: Record<string, any> | null) => (typeof value?.ttl === 'string' ? value.ttl : null);
  const expiryEstimate = (ttl: string | null) => (ttl ? `≈ ${new Date(now.getTime() + parseDuration(ttl)).toISOString().slice(0, 10)}` : 'never');
  const checkTtl = (account: string, label: string, ttl: string | null) => {
    if (ttl === null) {
      flags.push({ rule: 'non-expiring', severity: 'high', account, message: `key "${label}" never expires` });
    } else if (parseDuration(ttl) > maxTtlMs) {
      flags.push({ rule: 'ttl-above-limit', severity: 'medium', account, message: `key "${label}" lives ${ttl}, above the limit of ${options.maxTtl}` });
    }
  };

  for (const rc of changes) {
    const { actions, before, after } = rc.change;
    if (actions.includes('no-op') || actions.includes('read')) {
      continue;
    }
    switch (rc.type) {
      case ACCOUNT: {
        const name = (after ?? before)!.name as string;
        if (isReplace(actions)) {
          add(name, { kind: 'account-deleted', subject: name, detail: 'replaced: deleted and created again (its keys are revoked)' });
          add(name, { kind: 'account-created', subject: name, detail: 'created again' });
        } else if (actions.includes('create')) {
          add(name, { kind: 'account-created', subject: name, detail: after?.disabled ? 'created disabled' : 'created' });
        } else if (actions.includes('delete')) {
          add(name, { kind: 'account-deleted', subject: name, detail: 'deleted; every key is revoked' });
          const lastUse = before?.id ? options.liveUsage?.get(before.id) : undefined;
          if (options.liveUsage === undefined) {
            flags.push({ rule: 'delete-in-use', severity: 'low', account: name, message: `${name} is deleted; whether its keys are still in use could not be checked (no server access)` });
          } else if (lastUse && now.getTime() - Date.parse(lastUse) <= parseDuration(options.inUseWithin ?? '7d')) {
            flags.push({ rule: 'delete-in-use', severity: 'high', account: name, message: `${name} is deleted but one of its keys was used at ${lastUse}` });
          }
        } else if (before?.disabled !== after?.disabled) {
          add(name, { kind: after?.disabled ? 'account-disabled' : 'account-enabled', subject: name, detail: after?.disabled ? 'disabled: every key stops at once' : 'enabled: keys work again' });
        } else {
          add(name, { kind: 'account-updated', subject: name, detail: 'description or settings changed' });
        }
        break;
      }
      case 'warden_api_key': {
        const account = accountOf(rc);
        const label = (after ?? before)!.label as string;
        if (isReplace(actions)) {
          const oldExpiry = before?.expires_at ? String(before.expires_at).slice(0, 10) : 'never';
          add(account, { kind: 'key-rotated', subject: label, detail: `rotated: expiry ${oldExpiry} → ${expiryEstimate(ttlOf(after))}` });
          if (ttlOf(before) !== ttlOf(after)) {
            add(account, { kind: 'ttl-changed', subject: label, detail: `ttl ${ttlOf(before) ?? 'none'} → ${ttlOf(after) ?? 'none'}` });
          }
          if (!before?.grace_period) {
            flags.push({ rule: 'rotation-without-grace', severity: 'medium', account, message: `key "${label}" is replaced without grace_period: the old key stops at once` });
          }
          checkTtl(account, label, ttlOf(after));
        } else if (actions.includes('create')) {
          add(account, { kind: 'key-created', subject: label, detail: `created, ttl ${ttlOf(after) ?? 'none'}, expires ${expiryEstimate(ttlOf(after))}` });
          checkTtl(account, label, ttlOf(after));
        } else if (actions.includes('delete')) {
          add(account, { kind: 'key-revoked', subject: label, detail: before?.grace_period ? `revoked after a ${before.grace_period} grace period` : 'revoked at once' });
        } else {
          add(account, { kind: 'key-updated', subject: label, detail: 'description or rotation settings changed' });
        }
        break;
      }
      case 'warden_role_assignment': {
        const account = accountOf(rc);
        if (actions.includes('delete')) {
          add(account, { kind: 'role-removed', subject: before!.role, detail: `removed ${before!.role}` });
        }
        if (actions.includes('create')) {
          grant(account, after!.role, '');
        }
        break;
      }
      case 'warden_service_account_roles': {
        const account = accountOf(rc);
        const was = new Set<string>(actions.includes('create') && !before ? [] : (before?.roles ?? []));
        const will = new Set<string>(actions.includes('delete') && !actions.includes('create') ? [] : (after?.roles ?? []));
        for (const role of will) {
          if (!was.has(role)) {
            grant(account, role, ' (role set)');
          }
        }
        for (const role of was) {
          if (!will.has(role)) {
            add(account, { kind: 'role-removed', subject: role, detail: `removed ${role} (role set)` });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  for (const change of roles) {
    if (change.action !== 'deleted' && change.permissions.some((p) => MANAGEMENT.has(p))) {
      flags.push({ rule: 'escalation', severity: 'high', account: `role ${change.role}`, message: `custom role "${change.role}" ${change.action} with permission-management permissions` });
    }
  }
  return {
    accounts: [...byAccount.entries()].map(([account, list]) => ({ account, changes: list })).sort((a, b) => a.account.localeCompare(b.account)),
    roles,
    flags,
  };
}
