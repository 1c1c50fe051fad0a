// Questions the server asks of the permission catalog and the built-in roles (both kept in
// sdk/rules.ts, shared with the review and the constructs). See docs/domain.md.
import { BUILTIN_ROLES, PERMISSION_CATALOG } from '../sdk/rules.ts';

export { BUILTIN_ROLES, type PermissionInfo, type RoleDefinition } from '../sdk/rules.ts';
export const PERMISSIONS = PERMISSION_CATALOG;

const KNOWN = new Set(PERMISSIONS.map((p) => p.name));
const MANAGEMENT = new Set(PERMISSIONS.filter((p) => p.management).map((p) => p.name));

export const BUILTIN_ROLE_NAMES = new Set(BUILTIN_ROLES.map((r) => r.name));

export function isKnownPermission(name: string): boolean {
  return KNOWN.has(name);
}

export function holdsManagement(permissions: Iterable<string>): boolean {
  for (const p of permissions) {
    if (MANAGEMENT.has(p)) {
      return true;
    }
  }
  return false;
}

/** Permissions in `wanted` that `held` lacks. */
export function missingFrom(held: ReadonlySet<string>, wanted: Iterable<string>): string[] {
  return [...wanted].filter((p) => !held.has(p));
}
