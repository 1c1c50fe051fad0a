// What the built-in roles hold and which permissions manage permissions, as fixed by
// docs/domain.md. A review must judge escalation offline (a plan may be reviewed with
// no server access), so the table lives here rather than being fetched.

/** Permissions that manage permissions: only an admin may grant a role holding one. */
export const MANAGEMENT_PERMISSIONS: ReadonlySet<string> = new Set(['roles:write', 'role_assignments:write']);

const CATALOG = [
  'org:read',
  'service_accounts:read',
  'service_accounts:write',
  'service_accounts:delete',
  'keys:read',
  'keys:write',
  'keys:revoke',
  'roles:read',
  'roles:write',
  'role_assignments:read',
  'role_assignments:write',
  'audit:read',
  'snapshots:read',
  'snapshots:write',
];

export const BUILTIN_ROLE_PERMISSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['admin', CATALOG],
  ['member', ['org:read', 'service_accounts:read', 'service_accounts:write', 'keys:read', 'keys:write', 'keys:revoke', 'roles:read', 'role_assignments:read', 'snapshots:read', 'snapshots:write']],
  ['snapshotter', ['org:read', 'snapshots:read', 'snapshots:write']],
  ['reader', ['org:read', 'service_accounts:read', 'keys:read', 'roles:read', 'role_assignments:read', 'snapshots:read']],
]);

export function managementPermissionsIn(permissions: readonly string[]): string[] {
  return permissions.filter((p) => MANAGEMENT_PERMISSIONS.has(p));
}
