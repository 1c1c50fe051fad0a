// Cached authentication lookups: token hash → key, principal, organization, roles and
// permissions, so a request costs one cheap read (its organization's auth_version) instead
// of five. Exact, not eventually consistent: every write that can change what a key may
// do bumps auth_version in its own transaction (storage/sql-support.ts), the version
// is read on every request, so a revoke, disable, delete or role change on any replica
// refuses the key on the very next request. Expiry and delayed revocation are checked
// against the clock on every request, cached or not.
import type { KeyRow, OrgRow, PrincipalRow } from './storage/types.ts';

export interface CachedCaller {
  org: OrgRow;
  principal: PrincipalRow;
  key: KeyRow;
  roles: string[];
  permissions: Set<string>;
  /** The organization's auth_version read before any of the above was loaded. */
  authVersion: number;
}

export const AUTH_CACHE_ENTRIES = 10_000;

export class AuthCache {
  private readonly entries = new Map<string, CachedCaller>();

  constructor(private readonly maxEntries = AUTH_CACHE_ENTRIES) {}

  get(tokenHash: string): CachedCaller | undefined {
    return this.entries.get(tokenHash);
  }

  set(tokenHash: string, entry: CachedCaller): void {
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      // Oldest first: a Map iterates in insertion order.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(tokenHash, entry);
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  get size(): number {
    return this.entries.size;
  }
}
