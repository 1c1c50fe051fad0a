// Members of an organization (people): list, read, set roles and remove. Roles follow the
// same escalation rules as for service accounts (authorization.ts), and no change may leave
// the organization without a usable admin (last-admin.ts). Removing the last shared
// membership of a user also revokes their personal keys.
import { assertMayActAs, assertMayGrant, permissionsOfRole, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { newId } from '../ids.ts';
import { guardLastAdmin } from '../last-admin.ts';
import type { PrincipalRow, Repositories, UserRow } from '../storage/types.ts';
import { assertOwnOrg, audit, authWrite, pageBody, pageRequest, type Handler, type HandlerRequest, type Schemas } from './common.ts';
import { presentMember } from './people-present.ts';

async function loadMember(repos: Repositories, req: HandlerRequest): Promise<{ user: UserRow; membership: PrincipalRow }> {
  const user = await repos.people.users.get(req.params.userId);
  const membership = user && (await repos.people.memberships.find(req.caller.org.id, user.id));
  if (!user || !membership) {
    throw notFound(`User ${req.params.userId}`);
  }
  return { user, membership };
}

export const listUsers: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'users:read');
  const page = await services.storage.people.memberships.list(req.caller.org.id, { email: req.query.email }, pageRequest(req.query));
  const { next_cursor } = pageBody(page, (row) => row);
  const items = await Promise.all(page.items.map(async (m) => presentMember(m.user, m.principal, await services.storage.assignments.rolesOf(m.principal.id))));
  return { status: 200, body: { items, next_cursor } };
};

export const getUser: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'users:read');
  const { user, membership } = await loadMember(services.storage, req);
  return { status: 200, body: presentMember(user, membership, await services.storage.assignments.rolesOf(membership.id)) };
};

export const setUserRoles: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'role_assignments:write');
  const requested = (req.body as Schemas['RoleSet']).roles;
  const wanted = new Set(requested);
  return services.storage.transaction(async (tx) => {
    const { user, membership } = await loadMember(tx, req);
    await assertMayActAs(req.caller, tx, membership.id, user.email, 'change the roles of');
    const current = await tx.assignments.list(req.caller.org.id, { principalId: membership.id }, { limit: 1000 });
    const held = new Set(current.items.map((a) => a.role));
    const nowIso = services.clock.now().toISOString();
    await guardLastAdmin(tx, req.caller.org, membership.id, nowIso, async () => {
      for (const [index, role] of requested.entries()) {
        const permissions = await permissionsOfRole(tx, req.caller.org.id, role);
        if (!permissions) {
          throw problem(422, 'unknown_role', `Role "${role}" does not exist in this organization.`, [
            { field: `body.roles.${index}`, message: 'is not a built-in or custom role' },
          ]);
        }
        if (!held.has(role)) {
          assertMayGrant(req.caller, role, permissions, 'grant');
          const row = { id: newId('ra'), org_id: req.caller.org.id, principal_id: membership.id, role, created_at: nowIso };
          await tx.assignments.insert(row);
          await audit(
            tx,
            services.clock,
            req.caller,
            'role_assignment.create',
            { type: 'role_assignment', id: row.id, name: `${user.email}/${role}` },
            { user_id: user.id, role },
          );
        }
      }
      for (const row of current.items) {
        if (!wanted.has(row.role)) {
          assertMayGrant(req.caller, row.role, (await permissionsOfRole(tx, row.org_id, row.role)) ?? [], 'remove');
          await tx.assignments.delete(row.id);
          await audit(
            tx,
            services.clock,
            req.caller,
            'role_assignment.delete',
            { type: 'role_assignment', id: row.id, name: `${user.email}/${row.role}` },
            {
              user_id: user.id,
              role: row.role,
            },
          );
        }
      }
    });
    return { status: 200, body: presentMember(user, membership, await tx.assignments.rolesOf(membership.id)) };
  }, authWrite(req));
};

export const removeUser: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'users:write');
  return services.storage.transaction(async (tx) => {
    const { user, membership } = await loadMember(tx, req);
    await assertMayActAs(req.caller, tx, membership.id, user.email, 'remove');
    const now = services.clock.now().toISOString();
    const assignments = await tx.assignments.list(req.caller.org.id, { principalId: membership.id }, { limit: 1000 });
    await guardLastAdmin(tx, req.caller.org, membership.id, now, async () => {
      for (const assignment of assignments.items) {
        await tx.assignments.delete(assignment.id);
      }
      await tx.principals.update({ ...membership, deleted_at: now, updated_at: now, version: membership.version + 1 });
    });
    // Personal keys act in every organization the user belongs to; with none left but the
    // personal one, they have nothing legitimate to do and are revoked.
    const remaining = (await tx.people.memberships.ofUser(user.id)).filter((m) => m.org_id !== user.personal_org_id);
    let revokedKeys = 0;
    if (remaining.length === 0) {
      const personal = await tx.people.memberships.find(user.personal_org_id, user.id);
      revokedKeys = personal ? await tx.keys.revokeAll(personal.id, now) : 0;
    }
    await audit(
      tx,
      services.clock,
      req.caller,
      'user.remove',
      { type: 'user', id: user.id, name: user.email },
      {
        removed_roles: assignments.items.map((a) => a.role),
        revoked_personal_keys: revokedKeys,
      },
    );
    return { status: 204 };
  }, authWrite(req));
};
