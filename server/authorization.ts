// Authorization: effective permissions (the union of a principal's roles) and the
// escalation rules of docs/domain.md. Pure decisions over storage reads; handlers call
// these before changing anything.
import { problem } from './errors.ts';
import { BUILTIN_ROLES, holdsManagement, missingFrom } from './permissions.ts';
import type { Caller } from './caller.ts';
import type { Repositories } from './storage/types.ts';

const BUILTIN = new Map(BUILTIN_ROLES.map((r) => [r.name, r.permissions]));

/** Permissions of one role, or undefined when the role does not exist. */
export async function permissionsOfRole(repos: Repositories, orgId: string, role: string): Promise<string[] | undefined> {
  const builtin = BUILTIN.get(role);
  if (builtin) {
    return builtin;
  }
  return (await repos.roles.get(orgId, role))?.permissions;
}

export async function effectivePermissions(repos: Repositories, orgId: string, principalId: string): Promise<{ roles: string[]; permissions: Set<string> }> {
  const roles = await repos.assignments.rolesOf(principalId);
  const held = new Set<string>();
  for (const role of roles) {
    for (const p of (await permissionsOfRole(repos, orgId, role)) ?? []) {
      held.add(p);
    }
  }
  // Sorted once here, where the result is cached, rather than by every whoami.
  return { roles, permissions: new Set([...held].sort()) };
}

export function requirePermission(caller: Caller, permission: string): void {
  if (!caller.permissions.has(permission)) {
    throw problem(403, 'forbidden', `This operation needs the "${permission}" permission, which ${caller.principal.name} does not hold.`);
  }
}

const isAdmin = (caller: Caller): boolean => caller.roles.includes('admin');

/** Rules 1 and 2: who may grant (or remove) a role. */
export function assertMayGrant(caller: Caller, role: string, rolePermissions: readonly string[], verb: 'grant' | 'remove'): void {
  if ((role === 'admin' || holdsManagement(rolePermissions)) && !isAdmin(caller)) {
    throw problem(403, 'privilege_escalation', `Only an admin may ${verb} "${role}": it manages permissions.`);
  }
  if (verb === 'grant') {
    const missing = missingFrom(caller.permissions, rolePermissions);
    if (missing.length > 0) {
      throw problem(403, 'privilege_escalation', `Granting "${role}" would hand out permissions you do not hold: ${missing.join(', ')}.`);
    }
  }
}

/** Rule 3: which permissions a caller may put into a custom role. */
export function assertMayDefineRole(caller: Caller, permissions: readonly string[]): void {
  if (holdsManagement(permissions) && !isAdmin(caller)) {
    throw problem(403, 'privilege_escalation', 'Only an admin may define roles with permission-management permissions (roles:write, role_assignments:write).');
  }
  const missing = missingFrom(caller.permissions, permissions);
  if (missing.length > 0) {
    throw problem(403, 'privilege_escalation', `A role cannot hold permissions its author lacks: ${missing.join(', ')}.`);
  }
}

/**
 * Rule 4, the target rule: acting on a principal or its keys — issuing or revoking a key,
 * changing a key's description, updating, disabling, enabling or deleting the account,
 * granting or removing its roles — needs the caller to hold every permission the target
 * holds (and `admin` when the target holds `admin`). Otherwise a `member` could mint an
 * admin's key, or lock the admins out by revoking theirs. On itself a caller may act:
 * every such action only reduces what it holds, and grants still pass rules 1 and 2.
 */
export async function assertMayActAs(caller: Caller, repos: Repositories, targetId: string, targetName: string, action = 'issue a key for'): Promise<void> {
  if (isAdmin(caller) || targetId === caller.principal.id) {
    return;
  }
  const target = await effectivePermissions(repos, caller.org.id, targetId);
  const missing = missingFrom(caller.permissions, target.permissions);
  if (target.roles.includes('admin')) {
    missing.unshift('the admin role');
  }
  if (missing.length > 0) {
    throw problem(
      403,
      'target_more_privileged',
      `You may not ${action} "${targetName}": it holds more than you do (missing: ${missing.join(', ')}). ` +
        'Ask a principal that holds every permission of the target (an admin for an admin).',
    );
  }
}
