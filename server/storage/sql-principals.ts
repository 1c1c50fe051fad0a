// Principals (service accounts and users) as SQL, with the usable-admin count the last-admin rule needs.
import { optional, page, text, nullableText, type Row, type Sql } from './sql-support.ts';
import type { PrincipalRow, Repositories } from './types.ts';

export const toPrincipal = (r: Row): PrincipalRow => ({
  id: text(r.id),
  org_id: text(r.org_id),
  type: r.type as PrincipalRow['type'],
  name: text(r.name),
  description: text(r.description),
  disabled: Number(r.disabled) === 1,
  created_at: text(r.created_at),
  updated_at: text(r.updated_at),
  deleted_at: nullableText(r.deleted_at),
  version: Number(r.version),
  user_id: nullableText(r.user_id),
  created_by_client: nullableText(r.created_by_client),
  changed_by_client: nullableText(r.changed_by_client),
});

export function sqlPrincipals({ exec, one, count, bumpOrg }: Sql): Repositories['principals'] {
  return {
    get: (orgId, id) => one('SELECT * FROM principals WHERE org_id = @orgId AND id = @id AND deleted_at IS NULL', { orgId, id }, toPrincipal),
    byName: (orgId, name) => one('SELECT * FROM principals WHERE org_id = @orgId AND name = @name AND deleted_at IS NULL', { orgId, name }, toPrincipal),
    list: async (orgId, filter, { limit, after }) =>
      page(
        await exec.all(
          `SELECT * FROM principals WHERE org_id = @orgId AND type = 'service_account' AND deleted_at IS NULL
         AND (${optional('name')} IS NULL OR name = @name) AND seq > @after ORDER BY seq LIMIT @take`,
          { orgId, name: filter.name ?? null, after: after ?? 0, take: limit + 1 },
        ),
        limit,
        toPrincipal,
      ),
    insert: async (row) => {
      await exec.run(
        `INSERT INTO principals (id, org_id, type, name, description, disabled, created_at, updated_at, deleted_at, version)
       VALUES (@id, @org_id, @type, @name, @description, @disabled, @created_at, @updated_at, @deleted_at, @version)`,
        { ...row, disabled: row.disabled ? 1 : 0 },
      );
    },
    update: async (row) => {
      await exec.run(
        `UPDATE principals SET description = @description, disabled = @disabled, updated_at = @updated_at,
       deleted_at = @deleted_at, version = @version WHERE id = @id`,
        { ...row, disabled: row.disabled ? 1 : 0 },
      );
      await bumpOrg(row.org_id);
    },
    countUsableAdmins: (orgId, now) =>
      count(
        `SELECT COUNT(*) AS n FROM principals p
       WHERE p.org_id = @orgId AND p.deleted_at IS NULL AND p.disabled = 0
       AND EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.principal_id = p.id AND ra.role = 'admin')
       AND (p.user_id IS NOT NULL OR EXISTS (SELECT 1 FROM api_keys k WHERE k.principal_id = p.id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > @now)))`,
        { orgId, now },
      ),
  };
}
