// Authentication: the three credential schemes of the design, one constant answer for
// every failure, and the caller's effective permissions — cached (auth-cache.ts) but
// checked against the organization's auth_version on each request, so that a revoke,
// disable or role change takes effect on the very next call.
import { hash, timingSafeEqual } from 'node:crypto';
import { isWellFormedToken } from '../sdk/token.ts';
import type { Clock } from './clock.ts';
import { problem, UNAUTHENTICATED } from './errors.ts';
import { effectivePermissions } from './authorization.ts';
import type { AuthCache, CachedCaller } from './auth-cache.ts';
import type { Caller } from './caller.ts';
import type { KeyRow, Storage } from './storage/types.ts';

export type { Caller } from './caller.ts';
import type { UsageRecorder } from './usage-recorder.ts';

export function hashToken(token: string): string {
  // One-shot: no Hash object per request, which createHash() makes and GC has to finalize.
  return hash('sha256', token, 'hex');
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

export interface AuthenticateOptions {
  /** Cached lookups (see auth-cache.ts); without one every request reads storage. */
  cache?: AuthCache;
  /** Coalesced last_used_at writes; without one a use is written at most once a second, inline. */
  usage?: UsageRecorder;
}

export async function authenticate(storage: Storage, clock: Clock, header: string | undefined, options: AuthenticateOptions = {}): Promise<Caller> {
  const token = extractToken(header);
  if (!token) {
    throw UNAUTHENTICATED();
  }
  const hashHex = hashToken(token);
  // A cached token was well-formed when it was cached. Otherwise the checksum rejects
  // mistyped and foreign tokens before any storage lookup.
  const found = options.cache?.get(hashHex) || isWellFormedToken(token) ? await lookupCaller(storage, hashHex, options.cache) : undefined;
  const now = clock.now();
  const nowIso = now.toISOString();
  // Expiry and a revocation's grace period are decided by the clock on every request.
  if (!found || !keyIsActive(found.key, nowIso)) {
    throw UNAUTHENTICATED();
  }
  const { org, principal, key, roles, permissions } = found;
  // A key's first use is written at once, so "never used" turns into "in use" on the very
  // next read (reviews judge deletions by it); later uses are coalesced.
  if (options.usage && key.last_used_at) {
    options.usage.record(key.id, nowIso);
  } else if (!key.last_used_at || now.getTime() - Date.parse(key.last_used_at) >= TOUCH_INTERVAL_MS) {
    await storage.keys.touch(key.id, nowIso);
  }
  key.last_used_at = nowIso;
  return { org, principal, key: { ...key }, roles, permissions };
}

/**
 * Looks the key up by the token's hash (a unique index), not by its public prefix: the
 * lookup then does the same work whether the prefix is known or not, and its timing depends
 * only on the SHA-256 of the guess. A constant-time compare follows on both paths (against
 * a dummy hash when nothing matched) so that no branch is skipped either.
 */
async function keyForToken(storage: Storage, hashHex: string, hash: Buffer): Promise<KeyRow | undefined> {
  const found = await storage.keys.byHash(hashHex);
  const matches = timingSafeEqual(found ? Buffer.from(found.hash, 'hex') : DUMMY_HASH, hash);
  return found && matches ? found : undefined;
}

/** The key's caller from the cache when its organization's auth_version is unchanged, else from storage. */
async function lookupCaller(storage: Storage, hashHex: string, cache: AuthCache | undefined): Promise<CachedCaller | undefined> {
  const cached = cache?.get(hashHex);
  if (cached) {
    if ((await storage.orgs.authVersion(cached.org.id)) === cached.authVersion) {
      return cached;
    }
    cache!.delete(hashHex);
  }
  const hash = Buffer.from(hashHex, 'hex');
  const first = await keyForToken(storage, hashHex, hash);
  if (!first) {
    return undefined;
  }
  const authVersion = await storage.orgs.authVersion(first.org_id);
  // What gets cached is read after the version: a write landing in between has bumped it
  // past this entry, so the entry is reloaded on the next request.
  const key = cache ? await keyForToken(storage, hashHex, hash) : first;
  if (!key || authVersion === undefined) {
    return undefined;
  }
  const principal = await storage.principals.get(key.org_id, key.principal_id);
  if (!principal || principal.disabled) {
    return undefined;
  }
  const org = await storage.orgs.byId(key.org_id);
  if (!org) {
    return undefined;
  }
  const { roles, permissions } = await effectivePermissions(storage, org.id, principal.id);
  const entry: CachedCaller = { org, principal, key, roles, permissions, authVersion };
  cache?.set(hashHex, entry);
  return entry;
}
