// `warden recover`: the break-glass path for an operator who can reach the storage but
// holds no usable admin key (every admin disabled, deleted or without an active key).
// Works on storage directly, like `warden init`, and reaches no API: it creates or
// re-enables the `recovery-admin` service account (the owner, in a personal organization),
// makes sure it holds `admin`, issues one key and records `organization.recover`.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseDuration } from '../sdk/duration.ts';
import { generateToken } from '../sdk/token.ts';
import { SystemClock, type Clock } from './clock.ts';
import { newId } from './ids.ts';
import { newKeyRow } from './key-row.ts';
import { describeLocation, openStorage, type StorageLocation } from './storage/open.ts';
import type { PrincipalRow, Repositories } from './storage/types.ts';

export const RECOVERY_ACCOUNT = 'recovery-admin';
const MAX_ACTIVE_KEYS = 50;

export interface RecoverOptions extends StorageLocation {
  org: string;
  /** Lifetime of the recovery key, e.g. `1d`; it should be replaced by a regular admin key. */
  ttl?: string;
  clock?: Clock;
  /**
   * Receives the token inside the transaction, before it commits (e.g. writes the key
   * file): if delivery fails, nothing is recorded and no unusable key is left behind.
   */
  deliver: (token: string) => void;
}

export interface RecoverResult {
  organization: { id: string; name: string };
  principal: { id: string; name: string; type: PrincipalRow['type'] };
  created: boolean;
  reenabled: boolean;
  grantedAdmin: boolean;
  key: { id: string; prefix: string; expires_at: string | null };
  message: string;
}

/** Why recovery could not start; `not_found` when there is no such database or organization. */
export class RecoverError extends Error {
  constructor(
    message: string,
    readonly kind: 'not_found' | 'invalid',
  ) {
    super(message);
    this.name = 'RecoverError';
  }
}

/** The location for messages: a PostgreSQL URL without its password. */
function safeLocation(location: StorageLocation): string {
  const url = describeLocation(location);
  if (!/^postgres(ql)?:/.test(url)) {
    return url;
  }
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the --database given';
  }
}

async function recoveryPrincipal(tx: Repositories, org: { id: string; kind: string; name: string }, now: string) {
  if (org.kind === 'personal') {
    const owner = await tx.principals.byName(org.id, org.name);
    if (!owner || owner.type !== 'user') {
      throw new RecoverError(`The personal organization "${org.name}" has no owner to recover; it cannot be recovered with this command.`, 'invalid');
    }
    return { row: owner, created: false };
  }
  const existing = await tx.principals.byName(org.id, RECOVERY_ACCOUNT);
  if (existing) {
    if (existing.type !== 'service_account') {
      throw new RecoverError(`"${RECOVERY_ACCOUNT}" in "${org.name}" is not a service account; rename it first.`, 'invalid');
    }
    return { row: existing, created: false };
  }
  const row: PrincipalRow = {
    id: newId('sa'),
    org_id: org.id,
    type: 'service_account',
    name: RECOVERY_ACCOUNT,
    description: 'Break-glass admin made by warden recover. Create a regular admin and key, then disable this account.',
    disabled: false,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    version: 1,
  };
  await tx.principals.insert(row);
  return { row, created: true };
}

export async function recoverOrganization(options: RecoverOptions): Promise<RecoverResult> {
  const ttlMs = options.ttl === undefined ? undefined : parseDuration(options.ttl, '--ttl');
  const where = safeLocation(options);
  const url = describeLocation(options);
  // Opening a SQLite path creates a database; recovering an empty one would only mislead.
  if (url.startsWith('sqlite:') && !existsSync(url.slice('sqlite:'.length))) {
    throw new RecoverError(`There is no Warden database at ${url.slice('sqlite:'.length)}; pass the --data-dir (or --database) the server uses.`, 'not_found');
  }
  const clock = options.clock ?? new SystemClock();
  const storage = await openStorage(options);
  try {
    return await storage.transaction(async (tx) => {
      const org = await tx.orgs.byName(options.org);
      if (!org) {
        throw new RecoverError(`Organization "${options.org}" does not exist in ${where}; check --org and --data-dir/--database.`, 'not_found');
      }
      await tx.orgs.lock(org.id);
      const now = clock.now();
      const nowIso = now.toISOString();
      const { row, created } = await recoveryPrincipal(tx, org, nowIso);
      const reenabled = row.disabled;
      if (reenabled) {
        await tx.principals.update({ ...row, disabled: false, updated_at: nowIso, version: row.version + 1 });
      }
      const grantedAdmin = !(await tx.assignments.find(row.id, 'admin'));
      if (grantedAdmin) {
        await tx.assignments.insert({ id: newId('ra'), org_id: org.id, principal_id: row.id, role: 'admin', created_at: nowIso });
      }
      if ((await tx.keys.countActive(row.id, nowIso)) >= MAX_ACTIVE_KEYS) {
        throw new RecoverError(`"${row.name}" already has ${MAX_ACTIVE_KEYS} active keys; one of them still works. Revoke unused ones with it.`, 'invalid');
      }
      const token = generateToken();
      const key = newKeyRow({
        orgId: org.id,
        principalId: row.id,
        label: 'recovery',
        description: 'Issued by warden recover (break-glass). Replace it with a regular admin key, then revoke it.',
        token,
        now,
        ttlMs,
      });
      await tx.keys.insert(key);
      await tx.audit.insert({
        id: newId('evt'),
        org_id: org.id,
        occurred_at: nowIso,
        principal_id: row.id,
        principal_type: row.type,
        principal_name: row.name,
        action: 'organization.recover',
        target_type: 'organization',
        target_id: org.id,
        target_name: org.name,
        details: {
          via: 'warden recover',
          operator: operatorName(),
          recovery_principal: row.name,
          created,
          reenabled,
          granted_admin: grantedAdmin,
          key_id: key.id,
          key_prefix: key.prefix,
          expires_at: key.expires_at,
        },
      });
      options.deliver(token);
      const verb = created ? 'created' : reenabled ? 're-enabled' : 'reused';
      const changes = `${verb} "${row.name}" (admin${grantedAdmin && !created ? ', granted now' : ''})`;
      return {
        organization: { id: org.id, name: org.name },
        principal: { id: row.id, name: row.name, type: row.type },
        created,
        reenabled,
        grantedAdmin,
        key: { id: key.id, prefix: key.prefix, expires_at: key.expires_at },
        message: `Recovered "${org.name}": ${changes} and issued key ${key.id}${key.expires_at ? `, valid until ${key.expires_at}` : ''}. Recorded as organization.recover.`,
      };
    });
  } finally {
    await storage.close();
  }
}

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
