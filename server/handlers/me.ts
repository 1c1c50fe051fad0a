// The calling person: GET /v1/me (memberships with roles and permissions) and personal API
// keys (/v1/me/keys). Personal keys are rows of the user's principal in their personal
// organization; authentication (people-auth.ts) lets them act as the user's membership in
// the organization a request names. At most MAX_PERSONAL_KEYS are active at once.
import { parseDuration } from '../../sdk/duration.ts';
import { generateToken } from '../../sdk/token.ts';
import { keyIsActive } from '../auth.ts';
import { effectivePermissions } from '../authorization.ts';
import type { Caller } from '../caller.ts';
import { notFound, problem } from '../errors.ts';
import { newKeyRow } from '../key-row.ts';
import { hashPassword } from '../passwords.ts';
import { checkCredentials } from '../sign-in.ts';
import type { KeyRow, PrincipalRow, Repositories, UserRow } from '../storage/types.ts';
import { audit, pageBody, pageRequest, type Handler, type Schemas, type Services } from './common.ts';
import { presentPersonalKey, presentUser } from './people-present.ts';

export const MAX_PERSONAL_KEYS = 5;
const DEFAULT_TTL_MS = 90 * 86_400_000;
const MIN_TTL_MS = 60_000;
const MAX_TTL_MS = 365 * 86_400_000;

function userOf(caller: Caller): UserRow {
  if (!caller.user) {
    throw problem(403, 'forbidden', `${caller.principal.name} is a service account; /v1/me is for people (a session or a personal key).`);
  }
  return caller.user;
}

/** The user's principal in their personal organization, which owns their personal keys. */
async function personalPrincipal(repos: Repositories, user: UserRow): Promise<PrincipalRow> {
  const principal = await repos.people.memberships.find(user.personal_org_id, user.id);
  if (!principal) {
    throw notFound(`The personal organization of ${user.email}`);
  }
  return principal;
}

/** The caller as the user's principal in `org` (audit events name the user there). */
function personalCaller(caller: Caller, principal: PrincipalRow, org: Caller['org']): Caller {
  return { ...caller, principal, org };
}

/**
 * A personal key acts in every organization the user belongs to, so its creation and
 * revocation are audited in each of them (and in the personal one), naming the user.
 */
async function auditPersonalKey(
  tx: Repositories,
  caller: Caller,
  clock: Services['clock'],
  user: UserRow,
  action: string,
  key: KeyRow,
  details: Record<string, unknown>,
): Promise<void> {
  for (const membership of await tx.people.memberships.ofUser(user.id)) {
    const org = await tx.orgs.byId(membership.org_id);
    if (org) {
      await audit(tx, clock, personalCaller(caller, membership, org), action, { type: 'api_key', id: key.id, name: `${user.email}/${key.label}` }, details);
    }
  }
}

export const getMe: Handler = async (req, services) => {
  const user = userOf(req.caller);
  const memberships: Schemas['Membership'][] = [];
  for (const principal of await services.storage.people.memberships.ofUser(user.id)) {
    const org = await services.storage.orgs.byId(principal.org_id);
    if (!org || principal.disabled) {
      continue;
    }
    const { roles, permissions } = await effectivePermissions(services.storage, org.id, principal.id);
    memberships.push({ organization: org, roles, permissions: [...permissions].sort() });
  }
  memberships.sort((a, b) => (a.organization.id === user.personal_org_id ? -1 : b.organization.id === user.personal_org_id ? 1 : 0));
  const body: Schemas['Me'] = { user: presentUser(user), memberships };
  return { status: 200, body };
};

export const listMyKeys: Handler = async (req, services) => {
  const user = userOf(req.caller);
  const principal = await personalPrincipal(services.storage, user);
  const now = services.clock.now().toISOString();
  const page = await services.storage.keys.list(user.personal_org_id, { principalId: principal.id, status: req.query.status, now }, pageRequest(req.query));
  return { status: 200, body: pageBody(page, (k) => presentPersonalKey(k, now)) };
};

export const createMyKey: Handler = async (req, services) => {
  const user = userOf(req.caller);
  const body = req.body as Schemas['PersonalKeyCreate'];
  const ttlMs = body.ttl === undefined ? DEFAULT_TTL_MS : parseDuration(body.ttl, 'body.ttl');
  if (ttlMs < MIN_TTL_MS || ttlMs > MAX_TTL_MS) {
    throw problem(400, 'invalid_request', 'body.ttl must be between 60s and 365d', [{ field: 'body.ttl', message: 'must be between 60s and 365d' }]);
  }
  return services.storage.transaction(
    async (tx) => {
      const principal = await personalPrincipal(tx, user);
      const org = (await tx.orgs.byId(user.personal_org_id))!;
      const now = services.clock.now();
      if ((await tx.keys.countActive(principal.id, now.toISOString())) >= MAX_PERSONAL_KEYS) {
        throw problem(409, 'key_limit_reached', `${user.email} already has ${MAX_PERSONAL_KEYS} active personal keys; revoke one before creating another.`);
      }
      const token = generateToken();
      const key = newKeyRow({ orgId: org.id, principalId: principal.id, label: body.label, description: body.description ?? '', token, now, ttlMs });
      await tx.keys.insert(key);
      await auditPersonalKey(tx, req.caller, services.clock, user, 'personal_key.create', key, {
        user_id: user.id,
        label: key.label,
        prefix: key.prefix,
        expires_at: key.expires_at,
      });
      return { status: 201, body: { ...presentPersonalKey(key, now.toISOString()), secret: token } };
    },
    { serializeOn: `user:${user.id}` },
  );
};

export const revokeMyKey: Handler = async (req, services) => {
  const user = userOf(req.caller);
  return services.storage.transaction(async (tx) => {
    const principal = await personalPrincipal(tx, user);
    const key = await tx.keys.get(user.personal_org_id, req.params.keyId);
    if (!key || key.principal_id !== principal.id) {
      throw notFound(`Personal key ${req.params.keyId}`);
    }
    const now = services.clock.now().toISOString();
    if (!keyIsActive(key, now)) {
      return { status: 200, body: presentPersonalKey(key, now) };
    }
    const next = { ...key, revoked_at: now, version: key.version + 1 };
    await tx.keys.update(next);
    await auditPersonalKey(tx, req.caller, services.clock, user, 'personal_key.revoke', key, { user_id: user.id, prefix: key.prefix });
    return { status: 200, body: presentPersonalKey(next, now) };
  });
};

export const changeMyPassword: Handler = async (req, services) => {
  const user = userOf(req.caller);
  const body = req.body as Schemas['PasswordChange'];
  await checkCredentials(services.storage, services.clock, user.email, body.current_password);
  const passwordHash = await hashPassword(body.new_password);
  await services.storage.transaction(async (tx) => {
    const now = services.clock.now().toISOString();
    await tx.people.users.setPassword(user.id, passwordHash, now);
    // Whoever else holds a session (a shared computer, a stolen cookie) is signed out.
    await tx.people.sessions.deleteForUser(user.id, req.caller.session?.row.id_hash);
    const principal = await personalPrincipal(tx, user);
    const org = (await tx.orgs.byId(user.personal_org_id))!;
    await audit(tx, services.clock, personalCaller(req.caller, principal, org), 'user.password_change', { type: 'user', id: user.id, name: user.email });
  });
  return { status: 204 };
};
