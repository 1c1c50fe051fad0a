// Who is calling: the authenticated key, its principal and organization, and the
// permissions its roles add up to. Its own module so that authentication (auth.ts) and
// authorization (authorization.ts) both use it without importing each other.
import type { KeyRow, OrgRow, PrincipalRow } from './storage/types.ts';

export interface Caller {
  org: OrgRow;
  principal: PrincipalRow;
  key: KeyRow;
  roles: string[];
  permissions: Set<string>;
}
