// Roles (built-in and custom), the permission catalog, role assignments and the
// authoritative role set of a service account. Every grant passes the escalation rules.
import { assertMayActAs, assertMayDefineRole, assertMayGrant, permissionsOfRole, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { newId } from '../ids.ts';
import { guardLastAdmin } from '../last-admin.ts';
import { BUILTIN_ROLES, BUILTIN_ROLE_NAMES, PERMISSIONS, isKnownPermission } from '../permissions.ts';
import type { AssignmentRow, Repositories, RoleRow } from '../storage/types.ts';
import {
  assertOwnOrg,
  audit,
  loadServiceAccount,
  checkIfMatch,
  etag,
  idempotentCreate,
  idsFilter,
  isUniqueViolation,
  pageBody,
  pageRequest,
  type Handler,
  type HandlerRequest,
  type Schemas,
  type Services,
} from './common.ts';

const EPOCH = '1970-01-01T00:00:00.000Z';

function presentRole(row: Pick<RoleRow, 'name' | 'description' | 'permissions' | 'created_at' | 'updated_at' | 'version'>, builtin: boolean): Schemas['Role'] {
  return {
    name: row.name,
    description: row.description,
    builtin,
    permissions: [...row.permissions].sort(),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

const BUILTIN_PRESENTED = BUILTIN_ROLES.map((r) => presentRole({ ...r, created_at: EPOCH, updated_at: EPOCH, version: 1 }, true));

function checkPermissions(permissions: string[]): string[] {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length > 0) {
    throw problem(
      422,
      'unknown_permission',
      `Unknown permission ${unknown.map((p) => `"${p}"`).join(', ')}; GET /v1/permissions lists the catalog.`,
      unknown.map((p) => ({
        field: 'body.permissions',
        message: `"${p}" is not in the permission catalog`,
      })),
    );
  }
  return [...new Set(permissions)].sort();
}

export const listPermissions: Handler = async () => ({ status: 200, body: { items: PERMISSIONS } });

export const listRoles: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'roles:read');
  // Built-ins come first, on the first page only, then custom roles in creation order.
  const builtins = req.query.cursor === undefined ? BUILTIN_PRESENTED.filter((r) => !req.query.name || r.name === req.query.name) : [];
  const page = await services.storage.roles.list(req.caller.org.id, { name: req.query.name }, pageRequest(req.query));
  const body = pageBody(page, (r) => presentRole(r, false));
  return { status: 200, body: { ...body, items: [...builtins, ...body.items] } };
};

async function loadCustomRole(repos: Repositories, req: HandlerRequest): Promise<RoleRow> {
  if (BUILTIN_ROLE_NAMES.has(req.params.roleName)) {
    throw problem(409, 'builtin_role_immutable', `"${req.params.roleName}" is a built-in role and cannot be changed or deleted.`);
  }
  const row = await repos.roles.get(req.caller.org.id, req.params.roleName);
  if (!row) {
    throw notFound(`Role "${req.params.roleName}"`);
  }
  return row;
}

export const getRole: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'roles:read');
  const builtin = BUILTIN_PRESENTED.find((r) => r.name === req.params.roleName);
  if (builtin) {
    return { status: 200, body: builtin, headers: { etag: etag(1) } };
  }
  const row = await services.storage.roles.get(req.caller.org.id, req.params.roleName);
  if (!row) {
    throw notFound(`Role "${req.params.roleName}"`);
  }
  return { status: 200, body: presentRole(row, false), headers: { etag: etag(row.version) } };
};

export const createRole: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'roles:write');
  const body = req.body as Schemas['RoleCreate'];
  if (BUILTIN_ROLE_NAMES.has(body.name)) {
    throw problem(409, 'name_taken', `"${body.name}" is a built-in role name; choose another name.`);
  }
  const permissions = checkPermissions(body.permissions);
  assertMayDefineRole(req.caller, permissions);
  return idempotentCreate(
    req,
    services,
    'createRole',
    async (tx) => {
      const now = services.clock.now().toISOString();
      const row: RoleRow = {
        org_id: req.caller.org.id,
        name: body.name,
        description: body.description ?? '',
        permissions,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      if (await tx.roles.get(row.org_id, row.name)) {
        throw problem(409, 'name_taken', `A role named "${row.name}" already exists.`);
      }
      try {
        await tx.roles.insert(row);
      } catch (error) {
        throw isUniqueViolation(error) ? problem(409, 'name_taken', `A role named "${row.name}" already exists.`) : error;
      }
      await audit(tx, services.clock, req.caller, 'role.create', { type: 'role', id: row.name, name: row.name }, { permissions });
      return { id: row.name, reply: { status: 201, body: presentRole(row, false), headers: { etag: etag(1) } } };
    },
    async (name) => {
      const row = await services.storage.roles.get(req.caller.org.id, name);
      if (!row) {
        throw notFound(`Role "${name}"`);
      }
      return { status: 200, body: presentRole(row, false), headers: { etag: etag(row.version) } };
    },
  );
};

export const updateRole: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'roles:write');
  const body = req.body as Schemas['RoleUpdate'];
  const permissions = body.permissions ? checkPermissions(body.permissions) : undefined;
  return services.storage.transaction(async (tx) => {
    const row = await loadCustomRole(tx, req);
    checkIfMatch(req, row.version);
    const next: RoleRow = { ...row, description: body.description ?? row.description, permissions: permissions ?? row.permissions };
    assertMayDefineRole(req.caller, next.permissions);
    if (next.description === row.description && next.permissions.join() === row.permissions.join()) {
      return { status: 200, body: presentRole(row, false), headers: { etag: etag(row.version) } };
    }
    next.version = row.version + 1;
    next.updated_at = services.clock.now().toISOString();
    await tx.roles.update(next);
    await audit(
      tx,
      services.clock,
      req.caller,
      'role.update',
      { type: 'role', id: row.name, name: row.name },
      {
        description: next.description,
        permissions: next.permissions,
      },
    );
    return { status: 200, body: presentRole(next, false), headers: { etag: etag(next.version) } };
  });
};

export const deleteRole: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'roles:write');
  return services.storage.transaction(async (tx) => {
    const row = await loadCustomRole(tx, req);
    checkIfMatch(req, row.version);
    assertMayDefineRole(req.caller, row.permissions);
    const holders = await tx.assignments.countForRole(row.org_id, row.name);
    if (holders > 0) {
      throw problem(409, 'role_in_use', `"${row.name}" is still held by ${holders} service account(s); remove those assignments first.`);
    }
    await tx.roles.delete(row.org_id, row.name);
    await audit(tx, services.clock, req.caller, 'role.delete', { type: 'role', id: row.name, name: row.name });
    return { status: 204 };
  });
};

function presentAssignment(row: AssignmentRow): Schemas['RoleAssignment'] {
  return { id: row.id, service_account_id: row.principal_id, role: row.role, created_at: row.created_at };
}

async function roleOrUnknown(repos: Repositories, req: HandlerRequest, role: string, field: string): Promise<string[]> {
  const permissions = await permissionsOfRole(repos, req.caller.org.id, role);
  if (!permissions) {
    throw problem(422, 'unknown_role', `Role "${role}" does not exist; built-in roles are admin, member, snapshotter and reader.`, [
      { field, message: `"${role}" is not a built-in or custom role of this organization` },
    ]);
  }
  return permissions;
}

export const listRoleAssignments: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:read');
  const page = await services.storage.assignments.list(
    req.caller.org.id,
    { principalId: req.query.service_account_id, role: req.query.role, ids: idsFilter(req.query) },
    pageRequest(req.query),
  );
  return { status: 200, body: pageBody(page, presentAssignment) };
};

export const getRoleAssignment: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:read');
  const row = await services.storage.assignments.get(req.caller.org.id, req.params.assignmentId);
  if (!row) {
    throw notFound(`Role assignment ${req.params.assignmentId}`);
  }
  return { status: 200, body: presentAssignment(row) };
};

async function grant(tx: Repositories, req: HandlerRequest, services: Services, accountId: string, accountName: string, role: string): Promise<AssignmentRow> {
  const row: AssignmentRow = { id: newId('ra'), org_id: req.caller.org.id, principal_id: accountId, role, created_at: services.clock.now().toISOString() };
  await tx.assignments.insert(row);
  await audit(
    tx,
    services.clock,
    req.caller,
    'role_assignment.create',
    { type: 'role_assignment', id: row.id, name: `${accountName}/${role}` },
    {
      service_account_id: accountId,
      role,
    },
  );
  return row;
}

async function removeGrant(tx: Repositories, req: HandlerRequest, services: Services, row: AssignmentRow, accountName: string): Promise<void> {
  await tx.assignments.delete(row.id);
  await audit(
    tx,
    services.clock,
    req.caller,
    'role_assignment.delete',
    { type: 'role_assignment', id: row.id, name: `${accountName}/${row.role}` },
    {
      service_account_id: row.principal_id,
      role: row.role,
    },
  );
}

export const createRoleAssignment: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:write');
  const body = req.body as Schemas['RoleAssignmentCreate'];
  return idempotentCreate(
    req,
    services,
    'createRoleAssignment',
    async (tx) => {
      const account = await loadServiceAccount(tx, req, body.service_account_id);
      await assertMayActAs(req.caller, tx, account.id, account.name, 'change the roles of');
      const permissions = await roleOrUnknown(tx, req, body.role, 'body.role');
      assertMayGrant(req.caller, body.role, permissions, 'grant');
      if (await tx.assignments.find(account.id, body.role)) {
        throw problem(409, 'name_taken', `${account.name} already holds "${body.role}".`);
      }
      const row = await grant(tx, req, services, account.id, account.name, body.role);
      return { id: row.id, reply: { status: 201, body: presentAssignment(row) } };
    },
    async (id) => {
      const row = await services.storage.assignments.get(req.caller.org.id, id);
      if (!row) {
        throw notFound(`Role assignment ${id}`);
      }
      return { status: 200, body: presentAssignment(row) };
    },
  );
};

export const deleteRoleAssignment: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:write');
  return services.storage.transaction(async (tx) => {
    const row = await tx.assignments.get(req.caller.org.id, req.params.assignmentId);
    if (!row) {
      throw notFound(`Role assignment ${req.params.assignmentId}`);
    }
    const account = await loadServiceAccount(tx, req, row.principal_id);
    await assertMayActAs(req.caller, tx, account.id, account.name, 'change the roles of');
    assertMayGrant(req.caller, row.role, (await permissionsOfRole(tx, row.org_id, row.role)) ?? [], 'remove');
    await guardLastAdmin(tx, req.caller.org, account.id, services.clock.now().toISOString(), () => removeGrant(tx, req, services, row, account.name));
    return { status: 204 };
  });
};

export const getServiceAccountRoles: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:read');
  const account = await loadServiceAccount(services.storage, req, req.params.serviceAccountId);
  return { status: 200, body: { roles: await services.storage.assignments.rolesOf(account.id) } };
};

export const setServiceAccountRoles: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:write');
  const requested = (req.body as Schemas['RoleSet']).roles;
  const wanted = new Set(requested);
  return services.storage.transaction(async (tx) => {
    const account = await loadServiceAccount(tx, req, req.params.serviceAccountId);
    await assertMayActAs(req.caller, tx, account.id, account.name, 'change the roles of');
    const current = await tx.assignments.list(req.caller.org.id, { principalId: account.id }, { limit: 1000 });
    const held = new Set(current.items.map((a) => a.role));
    await guardLastAdmin(tx, req.caller.org, account.id, services.clock.now().toISOString(), async () => {
      for (const [index, role] of requested.entries()) {
        const permissions = await roleOrUnknown(tx, req, role, `body.roles.${index}`);
        if (!held.has(role)) {
          assertMayGrant(req.caller, role, permissions, 'grant');
          await grant(tx, req, services, account.id, account.name, role);
        }
      }
      for (const row of current.items) {
        if (!wanted.has(row.role)) {
          assertMayGrant(req.caller, row.role, (await permissionsOfRole(tx, row.org_id, row.role)) ?? [], 'remove');
          await removeGrant(tx, req, services, row, account.name);
        }
      }
    });
    return { status: 200, body: { roles: await tx.assignments.rolesOf(account.id) } };
  });
};
