// What the built-in roles hold and which permissions manage permissions. A review must judge
// escalation offline (a plan may be reviewed with no server access), so it uses the same
// tables the server enforces (sdk/rules.ts) instead of fetching them.
import { BUILTIN_ROLES, MANAGEMENT_PERMISSIONS as MANAGEMENT } from '../sdk/rules.ts';

/** Permissions that manage permissions: only an admin may grant a role holding one. */
export const MANAGEMENT_PERMISSIONS: ReadonlySet<string> = new Set(MANAGEMENT);

export const BUILTIN_ROLE_PERMISSIONS: ReadonlyMap<string, readonly string[]> = new Map(BUILTIN_ROLES.map((role) => [role.name, role.permissions]));

export function managementPermissionsIn(permissions: readonly string[]): string[] {
  return permissions.filter((p) => MANAGEMENT_PERMISSIONS.has(p));
}
