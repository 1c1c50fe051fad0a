// Role assignments and the authoritative role set of a service account. Every grant passes
// the escalation rules, and no change may leave the organization without a usable admin.
import { assertMayActAs, assertMayGrant, permissionsOfRole, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { isMembershipId, newId } from '../ids.ts';
import { guardLastAdmin } from '../last-admin.ts';
import type { AssignmentRow, Repositories } from '../storage/types.ts';
import {
  assertOwnOrg,
  audit,
  loadServiceAccount,
  idempotentCreate,
  idsFilter,
  pageBody,
  pageRequest,
  authWrite,
  type Handler,
  type HandlerRequest,
  type Schemas,
  type Services,
} from './common.ts';

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
  // Users' roles are listed with the users (GET /v1/orgs/{org}/users); the cursor stays exact.
  return { status: 200, body: pageBody({ ...page, items: page.items.filter((a) => !isMembershipId(a.principal_id)) }, presentAssignment) };
};

export const getRoleAssignment: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:read');
  const row = await services.storage.assignments.get(req.caller.org.id, req.params.assignmentId);
  if (!row || isMembershipId(row.principal_id)) {
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
    authWrite(req),
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
  }, authWrite(req));
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
  }, authWrite(req));
};
