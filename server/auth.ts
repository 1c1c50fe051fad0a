// Authentication: the three credential schemes of the design, one constant answer for
// every failure, and the caller's effective permissions computed fresh on each request
// so that a role change takes effect on the very next call.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isWellFormedToken, publicPrefix } from '../sdk/token.ts';
import type { Clock } from './clock.ts';
import { UNAUTHENTICATED } from './errors.ts';
import { effectivePermissions } from './authorization.ts';
import type { KeyRow, OrgRow, PrincipalRow, Storage } from './storage/types.ts';

export interface Caller {
  org: OrgRow;
  principal: PrincipalRow;
  key: KeyRow;
  roles: string[];
  permissions: Set<string>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token from `Bearer`, `Key` or Basic (username) credentials, or undefined. */
export function extractToken(header: string | undefined): string | undefined {
  if (!header) {
    return undefined;
  }
  const space = header.indexOf(' ');
  if (space < 0) {
    return undefined;
  }
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer' || scheme === 'key') {
    return value;
  }
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return undefined;
}

export function keyIsActive(key: KeyRow, nowIso: string): boolean {
  return (key.revoked_at === null || key.revoked_at > nowIso) && (key.expires_at === null || key.expires_at > nowIso);
}

const TOUCH_INTERVAL_MS = 1_000;

export async function authenticate(storage: Storage, clock: Clock, header: string | undefined): Promise<Caller> {
  const token = extractToken(header);
  // The checksum rejects mistyped and foreign tokens before any storage lookup.
  if (!token || !isWellFormedToken(token)) {
    throw UNAUTHENTICATED();
  }
  // Look up by the public prefix and compare hashes in constant time, so response timing
  // says nothing about how much of a guessed secret was right.
  const hash = Buffer.from(hashToken(token), 'hex');
  const key = (await storage.keys.byPrefix(publicPrefix(token))).find((candidate) => timingSafeEqual(Buffer.from(candidate.hash, 'hex'), hash));
  if (!key) {
    throw UNAUTHENTICATED();
  }
  const now = clock.now();
  const nowIso = now.toISOString();
  if (!keyIsActive(key, nowIso)) {
    throw UNAUTHENTICATED();
  }
  const principal = await storage.principals.get(key.org_id, key.principal_id);
  if (!principal || principal.disabled) {
    throw UNAUTHENTICATED();
  }
  const org = await storage.orgs.byId(key.org_id);
  if (!org) {
    throw UNAUTHENTICATED();
  }
  if (!key.last_used_at || now.getTime() - Date.parse(key.last_used_at) >= TOUCH_INTERVAL_MS) {
    await storage.keys.touch(key.id, nowIso);
    key.last_used_at = nowIso;
  }
  const { roles, permissions } = await effectivePermissions(storage, org.id, principal.id);
  return { org, principal, key, roles, permissions };
}
