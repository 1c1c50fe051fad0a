// The rules every layer checks the same way, in one place: name, label and id patterns (the
// same strings as the contract's Slug, Label and *Id schemas — test/contract/rules.test.ts
// compares them), the permission catalog with what each permission is for, and the built-in
// roles. The server enforces them, the provider, CLI and constructs check them early, and
// `warden review` judges escalation with them offline.

/** Service account and role names: 3–63 lowercase letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;
/** Key labels: lowercase letters, digits, `.`, `_` and `-`, up to 63 characters. */
export const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?$/;
export const SERVICE_ACCOUNT_ID_PATTERN = /^sa_[0-9a-z]{20}$/;
export const KEY_ID_PATTERN = /^key_[0-9a-z]{20}$/;
export const ASSIGNMENT_ID_PATTERN = /^ra_[0-9a-z]{20}$/;
export const USER_ID_PATTERN = /^usr_[0-9a-z]{20}$/;

export interface PermissionInfo {
  name: string;
  description: string;
  /** Manages permissions: only an admin may grant a role holding one. */
  management: boolean;
}

export const PERMISSION_CATALOG: readonly PermissionInfo[] = [
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
  { name: 'users:read', description: 'List the organization’s members and invitations.', management: false },
  { name: 'users:write', description: 'Invite people, change their roles and remove them (escalation rules still apply).', management: false },
  { name: 'snapshots:read', description: 'Data plane: read snapshots.', management: false },
  { name: 'snapshots:write', description: 'Data plane: take snapshots.', management: false },
];

/** Permissions that manage permissions. */
export const MANAGEMENT_PERMISSIONS: readonly string[] = PERMISSION_CATALOG.filter((p) => p.management).map((p) => p.name);

export interface RoleDefinition {
  name: string;
  description: string;
  /** Sorted. */
  permissions: string[];
}

export const BUILTIN_ROLES: readonly RoleDefinition[] = [
  { name: 'admin', description: 'Full control of the organization, including permissions.', permissions: PERMISSION_CATALOG.map((p) => p.name).sort() },
  {
    name: 'member',
    description: 'Manages service accounts and keys; cannot manage permissions.',
    permissions: [
      'org:read',
      'service_accounts:read',
      'service_accounts:write',
      'keys:read',
      'keys:write',
      'keys:revoke',
      'roles:read',
      'role_assignments:read',
      'snapshots:read',
      'snapshots:write',
      'users:read',
    ].sort(),
  },
  { name: 'snapshotter', description: 'Takes and reads snapshots.', permissions: ['org:read', 'snapshots:read', 'snapshots:write'].sort() },
  {
    name: 'reader',
    description: 'Reads the organization, its accounts, keys and roles.',
    permissions: ['org:read', 'service_accounts:read', 'keys:read', 'roles:read', 'role_assignments:read', 'snapshots:read', 'users:read'].sort(),
  },
];

export const BUILTIN_ROLE_NAMES: readonly string[] = BUILTIN_ROLES.map((r) => r.name);
