// Who is calling: the authenticated key, its principal and organization, and the
// permissions its roles add up to. Its own module so that authentication (auth.ts) and
// authorization (authorization.ts) both use it without importing each other.
import type { LiveSession } from './sessions.ts';
import type { KeyRow, OrgRow, PrincipalRow, UserRow } from './storage/types.ts';

export interface Caller {
  org: OrgRow;
  principal: PrincipalRow;
  /** The API key used; absent for a browser session. */
  key?: KeyRow;
  /** For a person: the user (signed in, or owning the personal key used). */
  user?: UserRow;
  /** For a signed-in browser: its session. */
  session?: LiveSession;
  roles: string[];
  /** In name order (effectivePermissions builds it sorted), so listing it needs no sort. */
  permissions: Set<string>;
}
