// Custom roles and role assignments as SQL: the authorization aggregate. Changes bump auth_version.
import { optional, idsClause, nullableText, page, text, type Row, type Sql } from './sql-support.ts';
import type { AssignmentRow, RoleRow, Repositories } from './types.ts';

const toRole = (r: Row): RoleRow => ({
  org_id: text(r.org_id),
  name: text(r.name),
  description: text(r.description),
  permissions: JSON.parse(text(r.permissions)) as string[],
  created_at: text(r.created_at),
  updated_at: text(r.updated_at),
  version: Number(r.version),
  created_by_client: nullableText(r.created_by_client),
  changed_by_client: nullableText(r.changed_by_client),
});
const toAssignment = (r: Row): AssignmentRow => ({
  id: text(r.id),
  org_id: text(r.org_id),
  principal_id: text(r.principal_id),
  role: text(r.role),
  created_at: text(r.created_at),
});

export function sqlRoles({ exec, one, bumpOrg }: Sql): Repositories['roles'] {
  return {
    get: (orgId, name) => one('SELECT * FROM roles WHERE org_id = @orgId AND name = @name', { orgId, name }, toRole),
    list: async (orgId, filter, { limit, after }) =>
      page(
        await exec.all(
          `SELECT * FROM roles WHERE org_id = @orgId AND (${optional('name')} IS NULL OR name = @name) AND seq > @after ORDER BY seq LIMIT @take`,
          { orgId, name: filter.name ?? null, after: after ?? 0, take: limit + 1 },
        ),
        limit,
        toRole,
      ),
    insert: async (row) => {
      await exec.run(
        `INSERT INTO roles (org_id, name, description, permissions, created_at, updated_at, version)
       VALUES (@org_id, @name, @description, @permissions, @created_at, @updated_at, @version)`,
        { ...row, permissions: JSON.stringify(row.permissions) },
      );
    },
    update: async (row) => {
      await exec.run(
        `UPDATE roles SET description = @description, permissions = @permissions, updated_at = @updated_at, version = @version
       WHERE org_id = @org_id AND name = @name`,
        { ...row, permissions: JSON.stringify(row.permissions) },
      );
      await bumpOrg(row.org_id);
    },
    delete: async (orgId, name) => {
      await exec.run('DELETE FROM roles WHERE org_id = @orgId AND name = @name', { orgId, name });
      await bumpOrg(orgId);
    },
  };
}

export function sqlAssignments({ exec, one, count, bumpOrg, bumpOrgOf }: Sql): Repositories['assignments'] {
  return {
    get: (orgId, id) => one('SELECT * FROM role_assignments WHERE org_id = @orgId AND id = @id', { orgId, id }, toAssignment),
    find: (principalId, role) => one('SELECT * FROM role_assignments WHERE principal_id = @principalId AND role = @role', { principalId, role }, toAssignment),
    list: async (orgId, filter, { limit, after }) => {
      const ids = idsClause(filter.ids);
      return page(
        await exec.all(
          `SELECT * FROM role_assignments WHERE org_id = @orgId AND (${optional('principalId')} IS NULL OR principal_id = @principalId)
         AND (${optional('role')} IS NULL OR role = @role) ${ids.sql} AND seq > @after ORDER BY seq LIMIT @take`,
          { orgId, principalId: filter.principalId ?? null, role: filter.role ?? null, ...ids.params, after: after ?? 0, take: limit + 1 },
        ),
        limit,
        toAssignment,
      );
    },
    rolesOf: async (principalId) =>
      (await exec.all('SELECT role FROM role_assignments WHERE principal_id = @principalId ORDER BY role', { principalId })).map((r) => text(r.role)),
    countForRole: (orgId, role) => count('SELECT COUNT(*) AS n FROM role_assignments WHERE org_id = @orgId AND role = @role', { orgId, role }),
    insert: async (row) => {
      await exec.run('INSERT INTO role_assignments (id, org_id, principal_id, role, created_at) VALUES (@id, @org_id, @principal_id, @role, @created_at)', {
        ...row,
      });
      await bumpOrg(row.org_id);
    },
    delete: async (id) => {
      await bumpOrgOf('role_assignments', id);
      await exec.run('DELETE FROM role_assignments WHERE id = @id', { id });
    },
  };
}
