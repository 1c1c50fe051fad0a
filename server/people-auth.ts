// Authentication of people: a signed-in browser (the session cookie, with a CSRF token on
// unsafe methods) or a personal API key. Either way the caller is the user's membership
// principal in the organization the request path names, with that organization's roles;
// in an organization the user does not belong to, the caller stays in the user's personal
// organization, so the handlers' own-organization check answers 404 as for any stranger.
import { authenticate, type AuthenticateOptions } from './auth.ts';
import { effectivePermissions } from './authorization.ts';
import type { Caller } from './caller.ts';
import type { Clock } from './clock.ts';
import { problem, UNAUTHENTICATED } from './errors.ts';
import { csrfMatches, resumeSession, sessionSecretFrom, type SessionPolicy } from './sessions.ts';
import type { Storage, UserRow } from './storage/types.ts';

export interface RequestCredentials {
  authorization: string | undefined;
  cookie: string | undefined;
  csrfToken: string | string[] | undefined;
  method: string;
  /** The `{org}` of the request path, if it has one. */
  orgName: string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The user's caller in `orgName` when a live, enabled member there; else in the personal organization. */
export async function callerForUser(storage: Storage, user: UserRow, orgName: string | undefined, base: Pick<Caller, 'key' | 'session'>): Promise<Caller> {
  const named = orgName === undefined ? undefined : await storage.orgs.byName(orgName);
  let membership = named && (await storage.people.memberships.find(named.id, user.id));
  let org = named;
  if (!membership || membership.disabled) {
    org = await storage.orgs.byId(user.personal_org_id);
    membership = org && (await storage.people.memberships.find(org.id, user.id));
  }
  if (!org || !membership) {
    throw UNAUTHENTICATED();
  }
  const { roles, permissions } = await effectivePermissions(storage, org.id, membership.id);
  return { org, principal: membership, roles, permissions, user, ...base };
}

export async function authenticateRequest(
  storage: Storage,
  clock: Clock,
  credentials: RequestCredentials,
  options: AuthenticateOptions,
  policy: SessionPolicy,
): Promise<Caller> {
  const secret = sessionSecretFrom(credentials.cookie);
  // An Authorization header wins over a cookie: scripts and tools send keys, browsers cookies.
  if (credentials.authorization !== undefined || secret === undefined) {
    const caller = await authenticate(storage, clock, credentials.authorization, options);
    if (caller.principal.type !== 'user' || !caller.principal.user_id) {
      return caller;
    }
    const user = await storage.people.users.get(caller.principal.user_id);
    if (!user) {
      throw UNAUTHENTICATED();
    }
    return callerForUser(storage, user, credentials.orgName, { key: caller.key });
  }
  const session = await resumeSession(storage, secret, clock.now(), policy);
  if (!session) {
    throw UNAUTHENTICATED();
  }
  if (!SAFE_METHODS.has(credentials.method) && !csrfMatches(secret, credentials.csrfToken)) {
    throw problem(403, 'csrf_token_invalid', 'Requests that change something from a browser session need the X-CSRF-Token header from GET /v1/session.');
  }
  return callerForUser(storage, session.user, credentials.orgName, { session });
}
