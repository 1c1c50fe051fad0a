// Turns a Terraform plan into a credential review: per service account, what happens to
// it, its keys and its roles, plus the flags that deserve a second look. Pure: live facts
// (last key use, roles outside the plan) come in already gathered, see live.ts.
import { parseDuration } from '../sdk/duration.ts';
import type { CdktfMetadata } from './cdktf.ts';
import { InputError } from './errors.ts';
import type { Locator } from './locations.ts';
import { deletionFlags, disableFlags, escalationFlags, revokeFlags, roleDefinitionFlags, rotationFlags, ttlFlags, type FlagContext } from './findings.ts';
import type { LiveFacts, LiveNeeds } from './live.ts';
import type { AccountReview, ChangeKind, Flag, Review, ReviewChange, RoleDefinitionChange } from './model.ts';
import { PlanIndex } from './plan-index.ts';
import type { PlanJson, ResourceChange } from './plan-types.ts';
import { describeSeen, SafeValues } from './safe-values.ts';

export interface AnalyzeOptions {
  /** Longest acceptable ttl. @default "90d" */
  maxTtl?: string;
  /** Accounts allowed to receive admin or permission-managing roles. */
  allowAdmin?: readonly string[];
  /** How recent a key use counts as "in use". @default "30d" */
  inUseWithin?: string;
  live?: LiveFacts;
  /** Why there are no live facts, for "cannot verify" flags. @default "no server access" */
  liveUnavailable?: string;
  cdktf?: CdktfMetadata;
  /** Finds the source file and line of an address (see locations.ts). */
  locate?: Locator;
}

const WARDEN = /^warden_/;

const isReplace = (rc: ResourceChange) => rc.change.actions.includes('create') && rc.change.actions.includes('delete');
const isCreate = (rc: ResourceChange) => rc.change.actions.includes('create') && !rc.change.actions.includes('delete');
const isDelete = (rc: ResourceChange) => rc.change.actions.includes('delete') && !rc.change.actions.includes('create');
const isUpdate = (rc: ResourceChange) => rc.change.actions.includes('update');

function relevant(plan: PlanJson): ResourceChange[] {
  if (!Array.isArray(plan.resource_changes)) {
    return [];
  }
  return plan.resource_changes.filter(
    (rc) =>
      rc &&
      typeof rc.type === 'string' &&
      WARDEN.test(rc.type) &&
      rc.mode !== 'data' &&
      Array.isArray(rc.change?.actions) &&
      rc.change.actions.some((a) => a !== 'no-op' && a !== 'read'),
  );
}

const sides = (rc: ResourceChange) => ({
  before: new SafeValues(rc.change.before, rc.change.before_sensitive),
  after: new SafeValues(rc.change.after, rc.change.after_sensitive, rc.change.after_unknown),
});

/** Ids and addresses of the accounts this plan deletes or replaces: their keys die with them. */
function deletedAccounts(plan: PlanJson): Set<string> {
  const deleted = new Set<string>();
  for (const rc of relevant(plan).filter((r) => r.type === 'warden_service_account' && (isDelete(r) || isReplace(r)))) {
    deleted.add(rc.address);
    const id = sides(rc).before.text('id');
    if (id) {
      deleted.add(id);
    }
  }
  return deleted;
}

const diesWithAccount = (index: PlanIndex, deleted: Set<string>, rc: ResourceChange): boolean => {
  const ref = index.accountOf(rc);
  return Boolean((ref.id && deleted.has(ref.id)) || (ref.address && deleted.has(ref.address)));
};

const isDisabling = (rc: ResourceChange): boolean => {
  const { before, after } = sides(rc);
  return rc.type === 'warden_service_account' && isUpdate(rc) && before.bool('disabled') !== true && after.bool('disabled') === true;
};

/** What a review would like to ask the live organization about this plan. */
export function liveNeeds(plan: PlanJson, cdktf?: CdktfMetadata): LiveNeeds {
  const index = new PlanIndex(plan, cdktf);
  const accountIds = new Set<string>();
  const roles = new Set<string>();
  const keyIds = new Set<string>();
  const deleted = deletedAccounts(plan);
  for (const rc of relevant(plan)) {
    const { before, after } = sides(rc);
    if (rc.type === 'warden_service_account' && (isDelete(rc) || isReplace(rc) || isDisabling(rc))) {
      const id = before.text('id');
      if (id) {
        accountIds.add(id);
      }
    }
    if (rc.type === 'warden_api_key' && isDelete(rc) && !diesWithAccount(index, deleted, rc)) {
      const id = before.text('id');
      if (id) {
        keyIds.add(id);
      }
    }
    const roleSet = after.strings('roles');
    const granted =
      rc.type === 'warden_role_assignment'
        ? [after.text('role')]
        : rc.type === 'warden_service_account_roles' && roleSet.state === 'known'
          ? roleSet.value
          : [];
    for (const role of granted) {
      if (role && index.permissionsOf(role) === undefined && !index.roleIsPending(role)) {
        roles.add(role);
      }
    }
  }
  return { accountIds: [...accountIds], roles: [...roles], keyIds: [...keyIds] };
}

// Why Terraform replaces a key, in the reviewer's words (replace_paths and action_reason).
const REPLACE_REASONS: Record<string, string> = {
  expires_at: 'its rotation window opened (rotate_before)',
  ttl: 'its ttl changed',
  rotation_triggers: 'a rotation trigger changed',
  label: 'its label changed',
  service_account_id: 'it moves to another service account',
  secret_wo_version: 'secret_wo_version was bumped',
  name: 'its name changed',
};
const ACTION_REASONS: Record<string, string> = {
  replace_because_tainted: 'it is tainted',
  replace_by_request: 'of -replace',
  replace_by_triggers: 'of replace_triggered_by',
};

function replaceReason(rc: ResourceChange): string {
  const reasons = (rc.change.replace_paths ?? []).map((path) => REPLACE_REASONS[String(path?.[0])] ?? `${String(path?.[0])} changed`);
  if (rc.action_reason && ACTION_REASONS[rc.action_reason]) {
    reasons.push(ACTION_REASONS[rc.action_reason]!);
  }
  return reasons.length > 0 ? `because ${[...new Set(reasons)].join(' and ')}` : '';
}

const day = (iso: string | undefined | null) => (iso ? iso.slice(0, 10) : 'never');

export function analyzePlan(plan: PlanJson, options: AnalyzeOptions = {}): Review {
  if (typeof plan !== 'object' || plan === null || (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes))) {
    throw new InputError('not a Terraform plan: expected the JSON of `terraform show -json PLANFILE` (with resource_changes)');
  }
  const maxTtl = options.maxTtl ?? '90d';
  const inUseWithin = options.inUseWithin ?? '30d';
  const index = new PlanIndex(plan, options.cdktf);
  const ctx: FlagContext = {
    index,
    maxTtl,
    maxTtlMs: parseDuration(maxTtl, 'max_ttl'),
    allowAdmin: options.allowAdmin ?? [],
    inUseWithin,
    inUseWithinMs: parseDuration(inUseWithin, 'in_use_within'),
    live: options.live,
    liveUnavailable: options.liveUnavailable ?? 'no server access',
  };
  // Expiry of a key created now is ttl after the plan was made: an estimate, marked ≈.
  const planTime = plan.timestamp && !Number.isNaN(Date.parse(plan.timestamp)) ? new Date(plan.timestamp) : undefined;
  const estimate = (ttl: string | null | undefined): string | null | undefined => {
    if (ttl === null) {
      return null;
    }
    if (ttl === undefined || !planTime) {
      return undefined;
    }
    try {
      return new Date(planTime.getTime() + parseDuration(ttl)).toISOString();
    } catch {
      return undefined;
    }
  };

  const byAccount = new Map<string, ReviewChange[]>();
  const flags: Flag[] = [];
  const roles: RoleDefinitionChange[] = [];
  const notes: string[] = [];
  const add = (account: string, change: Omit<ReviewChange, 'address' | 'construct'>, rc: ResourceChange) => {
    const construct = index.constructOf(rc.address);
    byAccount.set(account, [...(byAccount.get(account) ?? []), { ...change, address: rc.address, ...(construct ? { construct } : {}) }]);
  };
  const grant = (account: string, role: string | undefined, rc: ResourceChange, via: string) => {
    // A role known only after apply is usually a custom role of this very plan (`role = warden_role.x.id`): follow the reference.
    const referenced = role === undefined ? index.rolesReferencedBy(rc) : [];
    if (referenced.length > 0) {
      for (const name of referenced) {
        add(account, { kind: 'role-granted', subject: name, detail: `granted ${name}${via}` }, rc);
        flags.push(...escalationFlags(ctx, account, name, rc.address));
      }
      return;
    }
    add(account, { kind: 'role-granted', subject: role ?? '(known after apply)', detail: `granted ${role ?? 'a role known after apply'}${via}` }, rc);
    flags.push(...escalationFlags(ctx, account, role, rc.address));
  };
  const remove = (account: string, role: string, rc: ResourceChange, via: string) =>
    add(account, { kind: 'role-removed', subject: role, detail: `removed ${role}${via}` }, rc);

  // Accounts this plan deletes (or replaces): their keys die with them, whatever grace they were given.
  const deleted = deletedAccounts(plan);
  const accountDeleted = (rc: ResourceChange) => diesWithAccount(index, deleted, rc);

  const analysis: Analysis = { ctx, index, flags, roles, add, grant, remove, estimate, accountDeleted };
  for (const rc of relevant(plan)) {
    switch (rc.type) {
      case 'warden_service_account':
        accountChange(rc, analysis);
        break;
      case 'warden_api_key':
        keyChange(rc, analysis);
        break;
      case 'warden_role_assignment':
        assignmentChange(rc, analysis);
        break;
      case 'warden_service_account_roles':
        roleSetChange(rc, analysis);
        break;
      case 'warden_role':
        roleDefinitionChange(rc, analysis);
        break;
      default:
        break;
    }
  }
  if (options.live === undefined && flags.some((f) => f.severity === 'low')) {
    notes.push(
      `Some findings could not be verified (${ctx.liveUnavailable}); give the review read access to the organization (WARDEN_ENDPOINT, WARDEN_API_KEY) to check them.`,
    );
  }
  for (const flag of flags) {
    const construct = index.constructOf(flag.address);
    const location = options.locate?.(flag.address);
    Object.assign(flag, construct ? { construct } : {}, location ? { location } : {});
  }
  return {
    plan: {
      ...(plan.terraform_version ? { terraform_version: String(plan.terraform_version) } : {}),
      ...(planTime ? { timestamp: String(plan.timestamp) } : {}),
    },
    accounts: sortAccounts(byAccount),
    roles,
    flags: sortFlags(flags),
    notes,
  };
}

/** What the per-type analyses share: the rule context, the plan, and where findings go. */
interface Analysis {
  ctx: FlagContext;
  index: PlanIndex;
  flags: Flag[];
  roles: RoleDefinitionChange[];
  add(account: string, change: Omit<ReviewChange, 'address' | 'construct'>, rc: ResourceChange): void;
  grant(account: string, role: string | undefined, rc: ResourceChange, via: string): void;
  remove(account: string, role: string, rc: ResourceChange, via: string): void;
  /** Expiry of a key created now with this ttl: an estimate from the plan's time. */
  estimate(ttl: string | null | undefined): string | null | undefined;
  /** Whether the key's account is deleted by the same plan (its keys die with it). */
  accountDeleted(rc: ResourceChange): boolean;
}

/** An account created, replaced, deleted, disabled, enabled or updated. */
function accountChange(rc: ResourceChange, a: Analysis): void {
  const { before, after } = sides(rc);
  const name = after.text('name') ?? before.text('name') ?? rc.address;
  const id = before.text('id');
  if (isReplace(rc)) {
    a.add(
      name,
      {
        kind: 'account-deleted',
        subject: name,
        detail: `replaced ${replaceReason(rc)}: the old account is deleted, its keys revoked and its roles removed`.replace(' :', ':'),
      },
      rc,
    );
    a.add(name, { kind: 'account-created', subject: after.text('name') ?? name, detail: 'created again' }, rc);
    a.flags.push(...deletionFlags(a.ctx, name, id, rc.address));
  } else if (isCreate(rc)) {
    a.add(name, { kind: 'account-created', subject: name, detail: after.bool('disabled') ? 'created, disabled' : 'created' }, rc);
  } else if (isDelete(rc)) {
    const protectedNote = before.bool('deletion_protection') ? ' (deletion_protection is on: the apply will refuse)' : '';
    a.add(name, { kind: 'account-deleted', subject: name, detail: `deleted: every key is revoked and every role removed${protectedNote}` }, rc);
    a.flags.push(...deletionFlags(a.ctx, name, id, rc.address));
  } else if (isUpdate(rc)) {
    const wasDisabled = before.bool('disabled');
    const willDisable = after.bool('disabled');
    if (wasDisabled !== willDisable && willDisable !== undefined) {
      a.add(
        name,
        willDisable
          ? { kind: 'account-disabled', subject: name, detail: 'disabled: every key stops working at once (reversible)' }
          : { kind: 'account-enabled', subject: name, detail: 'enabled: its keys work again' },
        rc,
      );
      if (willDisable) {
        a.flags.push(...disableFlags(a.ctx, name, id, rc.address));
      }
    }
    const others = changedAttributes(rc).filter((a) => a !== 'disabled');
    if (others.length > 0) {
      const protection = others.includes('deletion_protection') ? `deletion_protection ${after.bool('deletion_protection') ? 'on' : 'off'}` : undefined;
      a.add(
        name,
        {
          kind: 'account-updated',
          subject: name,
          detail: [protection, ...others.filter((a) => a !== 'deletion_protection').map((a) => `${a} changed`)].filter(Boolean).join(', '),
        },
        rc,
      );
    }
  }
}

/** A key created, rotated (replaced), revoked or updated, with the expiry it will have. */
function keyChange(rc: ResourceChange, a: Analysis): void {
  const { before, after } = sides(rc);
  const account = a.index.accountOf(rc).display;
  const label = describeSeen(after.exists ? after.string('label') : before.string('label'), '(no label)');
  const ttlAfter = after.string('ttl');
  const ttlAfterValue = ttlAfter.state === 'known' ? ttlAfter.value : ttlAfter.state === 'absent' ? null : undefined;
  const ttlShown = (ttl: string | null | undefined) => (ttl === null ? 'none' : (ttl ?? '(known after apply)'));
  const prefix = before.text('prefix');
  if (isReplace(rc)) {
    const oldLabel = before.text('label');
    const ttlBefore = before.text('ttl') ?? null;
    const oldExpiry = before.text('expires_at') ?? null;
    const newExpiry = a.estimate(ttlAfterValue);
    const grace = before.text('grace_period');
    const createFirst = rc.change.actions[0] === 'create';
    const parts = [
      `replaced ${replaceReason(rc)}`.trim(),
      oldLabel && oldLabel !== label ? `label ${oldLabel} → ${label}` : undefined,
      `expiry ${day(oldExpiry)} → ${newExpiry === undefined ? '(known after apply)' : newExpiry === null ? 'never' : `≈ ${day(newExpiry)}`}`,
      grace && !a.accountDeleted(rc)
        ? `old key${prefix ? ` ${prefix}…` : ''} keeps working for ${grace}`
        : `old key${prefix ? ` ${prefix}…` : ''} revoked at once${grace ? ` (the account is replaced, so its ${grace} grace period does not apply)` : ''}`,
      createFirst ? undefined : 'destroyed before the new key is created (no create_before_destroy)',
    ];
    a.add(
      account,
      {
        kind: 'key-rotated',
        subject: label,
        detail: parts.filter(Boolean).join('; '),
        ttl: { before: ttlBefore, after: ttlAfterValue ?? null },
        expiry: { before: oldExpiry, after: newExpiry ?? null, afterApproximate: newExpiry !== null && newExpiry !== undefined },
        ...(prefix ? { prefix } : {}),
      },
      rc,
    );
    if (ttlAfterValue !== undefined && ttlBefore !== ttlAfterValue) {
      a.add(
        account,
        {
          kind: 'ttl-changed',
          subject: label,
          detail: `ttl ${ttlShown(ttlBefore)} → ${ttlShown(ttlAfterValue)}`,
          ttl: { before: ttlBefore, after: ttlAfterValue },
        },
        rc,
      );
    }
    a.flags.push(...rotationFlags(account, label, grace, createFirst, rc.address));
    a.flags.push(...ttlFlags(a.ctx, account, label, ttlAfterValue, rc.address));
  } else if (isCreate(rc)) {
    const expiry = a.estimate(ttlAfterValue);
    const rotate = after.text('rotate_before');
    const detail = [
      ttlAfterValue === null ? 'created without ttl: never expires' : `created, ttl ${ttlShown(ttlAfterValue)}`,
      expiry ? `expires ≈ ${day(expiry)}` : undefined,
      rotate ? `rotates ${rotate} before expiry` : undefined,
    ];
    a.add(
      account,
      {
        kind: 'key-created',
        subject: label,
        detail: detail.filter(Boolean).join(', '),
        ttl: { after: ttlAfterValue ?? null },
        expiry: { after: expiry ?? null, afterApproximate: Boolean(expiry) },
      },
      rc,
    );
    a.flags.push(...ttlFlags(a.ctx, account, label, ttlAfterValue, rc.address));
  } else if (isDelete(rc)) {
    const grace = before.text('grace_period');
    const who = prefix ? ` (${prefix}…)` : '';
    // Deleting the account revokes its keys at once: a grace period would be a false promise.
    const detail = a.accountDeleted(rc)
      ? `revoked at once with its account${grace ? ` (its ${grace} grace period does not apply: the account is deleted)` : ''}${who}`
      : grace
        ? `revoked after a ${grace} grace period${who}`
        : `revoked at once${who}`;
    if (!a.accountDeleted(rc) && !grace) {
      a.flags.push(...revokeFlags(a.ctx, account, label, before.text('id'), rc.address));
    }
    a.add(account, { kind: 'key-revoked', subject: label, detail, expiry: { before: before.text('expires_at') ?? null }, ...(prefix ? { prefix } : {}) }, rc);
  } else if (isUpdate(rc)) {
    const changed = changedAttributes(rc).map((a) =>
      a === 'grace_period' || a === 'rotate_before' ? `${a} ${before.text(a) ?? 'none'} → ${after.text(a) ?? 'none'}` : `${a} changed`,
    );
    a.add(account, { kind: 'key-updated', subject: label, detail: changed.join(', ') || 'updated in place' }, rc);
  }
}

/** One role granted or removed. */
function assignmentChange(rc: ResourceChange, a: Analysis): void {
  const { before, after } = sides(rc);
  const account = a.index.accountOf(rc).display;
  const oldRole = before.text('role');
  const newRole = after.string('role');
  const newRoleValue = newRole.state === 'known' ? newRole.value : undefined;
  if (isReplace(rc) && oldRole && oldRole === newRoleValue) {
    a.grant(account, newRoleValue, rc, ` (re-created ${replaceReason(rc)})`.replace(' )', ')'));
    return;
  }
  if ((isDelete(rc) || isReplace(rc)) && oldRole) {
    a.remove(account, oldRole, rc, '');
  }
  if (isCreate(rc) || isReplace(rc)) {
    a.grant(account, newRoleValue, rc, '');
  }
}

/** The difference between an account's old and new role set. */
function roleSetChange(rc: ResourceChange, a: Analysis): void {
  const { before, after } = sides(rc);
  const account = a.index.accountOf(rc).display;
  const was = before.strings('roles');
  const will = after.strings('roles');
  const wasSet = new Set(was.state === 'known' ? was.value : []);
  if (after.exists && will.state !== 'known') {
    a.grant(account, undefined, rc, ' (role set)');
    return;
  }
  const willSet = new Set(will.state === 'known' && after.exists ? will.value : []);
  for (const role of [...willSet].sort()) {
    if (!wasSet.has(role)) {
      a.grant(account, role, rc, ' (role set)');
    }
  }
  for (const role of [...wasSet].sort()) {
    if (!willSet.has(role)) {
      a.remove(account, role, rc, isDelete(rc) ? ' (role set removed)' : ' (role set)');
    }
  }
}

/** A custom role defined, changed or deleted, and what its permissions allow. */
function roleDefinitionChange(rc: ResourceChange, a: Analysis): void {
  const { before, after } = sides(rc);
  const name = after.text('name') ?? before.text('name') ?? rc.address;
  const was = before.strings('permissions');
  const will = after.strings('permissions');
  const wasList = was.state === 'known' ? was.value : [];
  const willList = will.state === 'known' ? will.value : [];
  const action = isReplace(rc) ? 'replaced' : isCreate(rc) ? 'created' : isDelete(rc) ? 'deleted' : 'updated';
  if (action === 'updated' && wasList.join() === willList.join() && will.state === 'known') {
    a.roles.push({
      role: name,
      action,
      address: rc.address,
      permissions: willList,
      added: [],
      removed: [],
      ...(a.index.constructOf(rc.address) ? { construct: a.index.constructOf(rc.address)! } : {}),
    });
    return;
  }
  const added = willList.filter((p) => !wasList.includes(p));
  const removed = action === 'deleted' ? [] : wasList.filter((p) => !willList.includes(p));
  const construct = a.index.constructOf(rc.address);
  a.roles.push({
    role: name,
    action,
    address: rc.address,
    permissions: action === 'deleted' ? wasList : willList,
    added,
    removed,
    ...(construct ? { construct } : {}),
  });
  a.flags.push(...roleDefinitionFlags(name, action, willList, added, rc.address));
}

/** Names of attributes whose value changes (names only: values may be secret). */
function changedAttributes(rc: ResourceChange): string[] {
  const before = rc.change.before ?? {};
  const after = rc.change.after ?? {};
  const unknown = (rc.change.after_unknown ?? {}) as Record<string, unknown>;
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const ignored = new Set(['id', 'created_at', 'status', 'secret', 'secret_wo', 'prefix', 'expires_at']);
  return [...names].filter((n) => !ignored.has(n) && (unknown[n] === true || JSON.stringify(before[n] ?? null) !== JSON.stringify(after[n] ?? null))).sort();
}

const KIND_ORDER: ChangeKind[] = [
  'account-created',
  'account-deleted',
  'account-disabled',
  'account-enabled',
  'account-updated',
  'role-granted',
  'role-removed',
  'key-created',
  'key-rotated',
  'ttl-changed',
  'key-revoked',
  'key-updated',
];

function sortAccounts(byAccount: Map<string, ReviewChange[]>): AccountReview[] {
  return [...byAccount.entries()]
    .map(([account, changes]) => ({
      account,
      changes: [...changes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.subject.localeCompare(b.subject)),
    }))
    .sort((a, b) => a.account.localeCompare(b.account));
}

const SEVERITY_ORDER = ['high', 'medium', 'low', 'info'];
function sortFlags(flags: Flag[]): Flag[] {
  return [...flags].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.account.localeCompare(b.account) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}
