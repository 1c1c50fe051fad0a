// Roles: the built-in ones and the custom roles an admin defines from the permission
// catalog. Defining a role passes the escalation rules.
import { clientFields, markClient } from '../client-name.ts';
import { assertMayDefineRole, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { BUILTIN_ROLES, BUILTIN_ROLE_NAMES, isKnownPermission } from '../permissions.ts';
import type { Repositories, RoleRow } from '../storage/types.ts';
import {
  assertOwnOrg,
  audit,
  checkIfMatch,
  etag,
  idempotentCreate,
  isUniqueViolation,
  pageBody,
  pageRequest,
  authWrite,
  type Handler,
  type HandlerRequest,
  type Schemas,
} from './common.ts';

const EPOCH = '1970-01-01T00:00:00.000Z';

function presentRole(
  row: Pick<RoleRow, 'name' | 'description' | 'permissions' | 'created_at' | 'updated_at' | 'version' | 'created_by_client' | 'changed_by_client'>,
  builtin: boolean,
): Schemas['Role'] {
  return {
    name: row.name,
    description: row.description,
    builtin,
    permissions: [...row.permissions].sort(),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
    ...clientFields(row),
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
      await markClient(tx, req, { table: 'roles', orgId: row.org_id, name: row.name }, row, true);
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
    await markClient(tx, req, { table: 'roles', orgId: next.org_id, name: next.name }, next);
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
  }, authWrite(req));
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
  }, authWrite(req));
};
