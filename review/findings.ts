// The judgements of a review, one function per rule: each looks at one change and the
// facts around it and returns the flags it raises. Severity says how sure and how bad:
// high = a credential risk that is certain, medium = worth a second look, low = could
// not be verified from the plan alone.
import { parseDuration } from '../sdk/duration.ts';
import type { LiveFacts } from './live.ts';
import type { Flag } from './model.ts';
import { managementPermissionsIn } from './permissions.ts';
import type { PlanIndex } from './plan-index.ts';

export interface FlagContext {
  index: PlanIndex;
  maxTtl: string;
  maxTtlMs: number;
  allowAdmin: readonly string[];
  inUseWithinMs: number;
  inUseWithin: string;
  live?: LiveFacts;
  /** Why live facts are missing (shown in "cannot verify" flags). */
  liveUnavailable: string;
}

/** A grant of `role` to `account`: escalation when the role is admin or manages permissions. */
export function escalationFlags(ctx: FlagContext, account: string, role: string | undefined, address: string): Flag[] {
  if (ctx.allowAdmin.includes(account)) {
    return [];
  }
  const flag = (severity: Flag['severity'], message: string): Flag[] => [{ rule: 'escalation', severity, account, message, address }];
  if (role === undefined) {
    return flag('low', `${account} is granted a role known only after apply; cannot verify that it does not manage permissions`);
  }
  if (role === 'admin') {
    return flag('high', `${account} is granted "admin", which is full control of the organization`);
  }
  let permissions = ctx.index.permissionsOf(role);
  if (permissions === undefined && ctx.index.roleIsPending(role)) {
    return flag('low', `${account} is granted "${role}", whose permissions are known only after apply; cannot verify`);
  }
  if (permissions === undefined) {
    const live = ctx.live?.roles.get(role);
    if (Array.isArray(live)) {
      permissions = live;
    } else if (live === null) {
      return flag('low', `${account} is granted "${role}", which neither the plan nor the organization defines (the apply will fail)`);
    } else {
      const why = live ? live.error : ctx.liveUnavailable;
      return flag('low', `${account} is granted "${role}", which this plan and its state do not define; cannot verify its permissions (${why})`);
    }
  }
  const management = managementPermissionsIn(permissions);
  return management.length > 0
    ? flag('high', `${account} is granted "${role}", which holds ${management.join(', ')}: it can change permissions, its own included`)
    : [];
}

/** A custom role whose definition (new or changed) holds management permissions. */
export function roleDefinitionFlags(role: string, action: string, permissions: readonly string[], added: readonly string[], address: string): Flag[] {
  const management = managementPermissionsIn(action === 'updated' ? added : permissions);
  if (action === 'deleted' || management.length === 0) {
    return [];
  }
  return [
    {
      rule: 'escalation',
      severity: 'high',
      account: `role ${role}`,
      message: `custom role "${role}" ${action === 'updated' ? 'gains' : 'is ' + action + ' with'} ${management.join(', ')}: whoever holds it can change permissions`,
      address,
    },
  ];
}

/** A key being issued: never expiring, or living longer than the policy allows. */
export function ttlFlags(ctx: FlagContext, account: string, label: string, ttl: string | null | undefined, address: string): Flag[] {
  if (ttl === undefined) {
    return [];
  }
  if (ttl === null) {
    return [{ rule: 'non-expiring', severity: 'high', account, message: `key "${label}" never expires (no ttl)`, address }];
  }
  let ms: number;
  try {
    ms = parseDuration(ttl);
  } catch {
    return [];
  }
  return ms > ctx.maxTtlMs
    ? [{ rule: 'ttl-above-limit', severity: 'high', account, message: `key "${label}" lives ${ttl}, above the limit of ${ctx.maxTtl}`, address }]
    : [];
}

/** A replaced key whose old half is revoked without a grace period. */
export function rotationFlags(account: string, label: string, oldGrace: string | null | undefined, createFirst: boolean, address: string): Flag[] {
  if (oldGrace) {
    return [];
  }
  const consequence = createFirst
    ? 'the old key stops working the moment the new one exists, before consumers can switch'
    : 'the old key is revoked before its replacement even exists';
  return [{ rule: 'rotation-without-grace', severity: 'medium', account, message: `key "${label}" is replaced without grace_period: ${consequence}`, address }];
}

const recent = (ctx: FlagContext, at: string | null | undefined): at is string => Boolean(at && ctx.live!.now.getTime() - Date.parse(at) <= ctx.inUseWithinMs);

/** An account whose keys all stop working (deleted or disabled): high when a key was used recently, low when that cannot be checked. */
function accountInUseFlags(
  ctx: FlagContext,
  rule: 'delete-in-use' | 'disable-in-use',
  verb: string,
  account: string,
  id: string | undefined,
  address: string,
): Flag[] {
  const use = id ? ctx.live?.accounts.get(id) : undefined;
  if (!use || 'error' in use) {
    const why = use && 'error' in use ? use.error : id ? ctx.liveUnavailable : 'its id is unknown';
    return [{ rule, severity: 'low', account, message: `${account} is ${verb}; cannot verify whether its keys are still in use (${why})`, address }];
  }
  if (recent(ctx, use.lastUsedAt)) {
    return [
      {
        rule,
        severity: 'high',
        account,
        message: `${account} is ${verb} but still has ${use.activeKeys} active key(s); "${use.lastUsedLabel}" was used at ${use.lastUsedAt} (within ${ctx.inUseWithin})`,
        address,
      },
    ];
  }
  return [];
}

/** A deleted account whose keys are still in use. */
export function deletionFlags(ctx: FlagContext, account: string, id: string | undefined, address: string): Flag[] {
  return accountInUseFlags(ctx, 'delete-in-use', 'deleted', account, id, address);
}

/** A disabled account whose keys are still in use: every one stops working at once. */
export function disableFlags(ctx: FlagContext, account: string, id: string | undefined, address: string): Flag[] {
  return accountInUseFlags(ctx, 'disable-in-use', 'disabled', account, id, address);
}

/** A single key revoked at once (its account stays) that was used recently. */
export function revokeFlags(ctx: FlagContext, account: string, label: string, id: string | undefined, address: string): Flag[] {
  const use = id ? ctx.live?.keys.get(id) : undefined;
  if (use === null) {
    return [];
  }
  if (use === undefined || 'error' in use) {
    const why = use && 'error' in use ? use.error : id ? ctx.liveUnavailable : 'its id is unknown';
    return [
      {
        rule: 'revoke-in-use',
        severity: 'low',
        account,
        message: `key "${label}" is revoked at once; cannot verify whether it is still in use (${why})`,
        address,
      },
    ];
  }
  if (use.status === 'active' && recent(ctx, use.lastUsedAt)) {
    return [
      {
        rule: 'revoke-in-use',
        severity: 'high',
        account,
        message: `key "${label}" is revoked at once but was used at ${use.lastUsedAt} (within ${ctx.inUseWithin}); give it a grace_period or switch its consumers first`,
        address,
      },
    ];
  }
  return [];
}
