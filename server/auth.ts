// Authentication: the three credential schemes of the design, one constant answer for
// every failure, and the caller's effective permissions computed fresh on each request
// so that a role change takes effect on the very next call.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isWellFormedToken } from '../sdk/token.ts';
import type { Clock } from './clock.ts';
import { problem, UNAUTHENTICATED } from './errors.ts';
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

/** Canonical base64 only: the alphabet, padding at the end, no stray bits. */
function strictBase64(value: string): Buffer | undefined {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    return undefined;
  }
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : undefined;
}

/**
 * The token from `Bearer`, `Key` or Basic (username) credentials, or undefined. Basic
 * credentials that are not strict base64 are refused (400) rather than decoded leniently:
 * Node's decoder skips junk characters, which made `d2R!!uX...` authenticate.
 */
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
    const bytes = strictBase64(value);
    if (!bytes) {
      throw problem(400, 'invalid_request', 'Basic credentials must be base64 of "username:password" (strict base64, no other characters).', [
        { field: 'header.authorization', message: 'is not valid base64' },
      ]);
    }
    const decoded = bytes.toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return undefined;
}

export function keyIsActive(key: KeyRow, nowIso: string): boolean {
  return (key.revoked_at === null || key.revoked_at > nowIso) && (key.expires_at === null || key.expires_at > nowIso);
}

const TOUCH_INTERVAL_MS = 1_000;

/** Compared against when no key matches, so that both paths do the same work. */
const DUMMY_HASH = Buffer.from(hashToken('wdn_no-such-key'), 'hex');

export async function authenticate(storage: Storage, clock: Clock, header: string | undefined): Promise<Caller> {
  const token = extractToken(header);
  // The checksum rejects mistyped and foreign tokens before any storage lookup.
  if (!token || !isWellFormedToken(token)) {
    throw UNAUTHENTICATED();
  }
  // Look up by the token's hash (a unique index), not by its public prefix: the lookup
  // then does the same work whether the prefix is known or not, and its timing depends
  // only on the SHA-256 of the guess, which tells nothing about any stored key. A
  // constant-time compare follows on both paths (against a dummy hash when nothing
  // matched) so that no branch is skipped either.
  const hashHex = hashToken(token);
  const hash = Buffer.from(hashHex, 'hex');
  const found = await storage.keys.byHash(hashHex);
  const matches = timingSafeEqual(found ? Buffer.from(found.hash, 'hex') : DUMMY_HASH, hash);
  const key = found && matches ? found : undefined;
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
