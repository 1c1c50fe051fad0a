// The published permission catalog, the built-in roles, and the rules that stop a
// principal from raising its own (or anyone's) privilege. See docs/domain.md.
export interface PermissionInfo {
  name: string;
  description: string;
  management: boolean;
}

export const PERMISSIONS: readonly PermissionInfo[] = [
  { name: 'org:read', description: 'Read the organization.', management: false },
  { name: 'service_accounts:read', description: 'List and read service accounts.', management: false },
  { name: 'service_accounts:write', description: 'Create, update, disable and enable service accounts.', management: false },
  { name: 'service_accounts:delete', description: 'Delete service accounts (revokes their keys).', management: false },
  { name: 'keys:read', description: 'List and read API key metadata (never secrets).', management: false },
  { name: 'keys:write', description: 'Create API keys and change their descriptions.', management: false },
  { name: 'keys:revoke', description: 'Revoke API keys.', management: false },
  { name: 'roles:read', description: 'List and read roles.', management: false },
  { name: 'roles:write', description: 'Create, change and delete custom roles.', management: true },
  { name: 'role_assignments:read', description: 'List role assignments and role sets.', management: false },
  { name: 'role_assignments:write', description: 'Grant and remove roles.', management: true },
  { name: 'audit:read', description: 'Read the audit trail.', management: false },
  { name: 'snapshots:read', description: 'Data plane: read snapshots.', management: false },
  { name: 'snapshots:write', description: 'Data plane: take snapshots.', management: false },
];

const KNOWN = new Set(PERMISSIONS.map((p) => p.name));
const MANAGEMENT = new Set(PERMISSIONS.filter((p) => p.management).map((p) => p.name));

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: string[];
}

export const BUILTIN_ROLES: readonly RoleDefinition[] = [
  { name: 'admin', description: 'Full control of the organization, including permissions.', permissions: PERMISSIONS.map((p) => p.name).sort() },
  {
    name: 'member',
    description: 'Manages service accounts and keys; cannot manage permissions.',
    permissions: [
      'org:read', 'service_accounts:read', 'service_accounts:write', 'keys:read', 'keys:write', 'keys:revoke',
      'roles:read', 'role_assignments:read', 'snapshots:read', 'snapshots:write',
    ].sort(),
  },
  { name: 'snapshotter', description: 'Takes and reads snapshots.', permissions: ['org:read', 'snapshots:read', 'snapshots:write'].sort() },
  {
    name: 'reader',
    description: 'Reads the organization, its accounts, keys and roles.',
    permissions: ['org:read', 'service_accounts:read', 'keys:read', 'roles:read', 'role_assignments:read', 'snapshots:read'].sort(),
  },
];

export const BUILTIN_ROLE_NAMES = new Set(BUILTIN_ROLES.map((r) => r.name));

export function isKnownPermission(name: string): boolean {
  return KNOWN.has(name);
}

export function isManagementPermission(name: string): boolean {
  return MANAGEMENT.has(name);
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
