// The repositories as SQL shared by SQLite and PostgreSQL. Statements use `@name`
// parameters; each executor binds them its own way. Nullable filters are CAST so that
// PostgreSQL can type them.
import { peopleRepositories } from './people-repositories.ts';
import type { AssignmentRow, AuditRow, IdempotencyRow, KeyRow, KeyStatus, OrgRow, Page, PrincipalRow, Repositories, RoleRow } from './types.ts';

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  all(sql: string, params?: Row): Promise<Row[]>;
  one(sql: string, params?: Row): Promise<Row | undefined>;
  run(sql: string, params?: Row): Promise<number>;
}

const ACTIVE = '(revoked_at IS NULL OR revoked_at > @now) AND (expires_at IS NULL OR expires_at > @now)';
const KEY_STATUS_SQL: Record<KeyStatus, string> = {
  active: ACTIVE,
  revoked: 'revoked_at IS NOT NULL AND revoked_at <= @now',
  expired: '(revoked_at IS NULL OR revoked_at > @now) AND expires_at IS NOT NULL AND expires_at <= @now',
};
const optional = (name: string) => `CAST(@${name} AS TEXT)`;

/** `AND id IN (@id0, …)` for an ids filter, with its parameters; nothing without one. */
function idsClause(ids: string[] | undefined): { sql: string; params: Row } {
  if (ids === undefined) {
    return { sql: '', params: {} };
  }
  const params: Row = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
  return { sql: ids.length === 0 ? 'AND 1 = 0' : `AND id IN (${ids.map((_, i) => `@id${i}`).join(', ')})`, params };
}

function page<T>(rows: Row[], limit: number, map: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), next: more ? Number(kept[kept.length - 1]!.seq) : null };
}

const text = (v: unknown) => v as string;
const nullableText = (v: unknown) => (v as string | null) ?? null;

const toOrg = (r: Row): OrgRow => ({ id: text(r.id), name: text(r.name), kind: r.kind as OrgRow['kind'], created_at: text(r.created_at) });
const toPrincipal = (r: Row): PrincipalRow => ({
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
const toKey = (r: Row): KeyRow => ({
  id: text(r.id),
  org_id: text(r.org_id),
  principal_id: text(r.principal_id),
  label: text(r.label),
  description: text(r.description),
  prefix: text(r.prefix),
  hash: text(r.hash),
  created_at: text(r.created_at),
  expires_at: nullableText(r.expires_at),
  revoked_at: nullableText(r.revoked_at),
  last_used_at: nullableText(r.last_used_at),
  version: Number(r.version),
  created_by_client: nullableText(r.created_by_client),
  changed_by_client: nullableText(r.changed_by_client),
});
const toAudit = (r: Row): AuditRow => ({
  id: text(r.id),
  org_id: text(r.org_id),
  occurred_at: text(r.occurred_at),
  principal_id: text(r.principal_id),
  principal_type: r.principal_type as AuditRow['principal_type'],
  principal_name: text(r.principal_name),
  action: text(r.action),
  target_type: r.target_type as AuditRow['target_type'],
  target_id: text(r.target_id),
  target_name: text(r.target_name),
  details: JSON.parse(text(r.details)) as Record<string, unknown>,
});
const toIdempotency = (r: Row): IdempotencyRow => ({
  principal_id: text(r.principal_id),
  operation: text(r.operation),
  key_hash: text(r.key_hash),
  request_hash: text(r.request_hash),
  resource_id: text(r.resource_id),
  created_at: text(r.created_at),
  sealed_secret: nullableText(r.sealed_secret),
  sealed_until: nullableText(r.sealed_until),
});

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export function sqlRepositories(exec: SqlExecutor): Repositories {
  const one = async <T>(sql: string, params: Row, map: (r: Row) => T): Promise<T | undefined> => {
    const row = await exec.one(sql, params);
    return row && map(row);
  };
  const count = async (sql: string, params: Row): Promise<number> => Number((await exec.one(sql, params))!.n);
  // Every auth-relevant write bumps its organization's auth_version (see types.ts).
  const bumpOrg = (orgId: string) => exec.run('UPDATE organizations SET auth_version = auth_version + 1 WHERE id = @orgId', { orgId });
  const bumpOrgOf = (table: 'principals' | 'role_assignments', id: string) =>
    exec.run(`UPDATE organizations SET auth_version = auth_version + 1 WHERE id = (SELECT org_id FROM ${table} WHERE id = @id)`, { id });

  return {
    orgs: {
      byName: (name) => one('SELECT id, name, kind, created_at FROM organizations WHERE name = @name', { name }, toOrg),
      byId: (id) => one('SELECT id, name, kind, created_at FROM organizations WHERE id = @id', { id }, toOrg),
      insert: async (row) => {
        await exec.run('INSERT INTO organizations (id, name, kind, created_at) VALUES (@id, @name, @kind, @created_at)', { ...row });
      },
      // A no-op UPDATE takes the row's write lock on PostgreSQL under any isolation level
      // (SQLite transactions are already exclusive), so two admin changes cannot interleave.
      lock: async (id) => {
        await exec.run('UPDATE organizations SET name = name WHERE id = @id', { id });
      },
      authVersion: async (id) => {
        const row = await exec.one('SELECT auth_version FROM organizations WHERE id = @id', { id });
        return row === undefined ? undefined : Number(row.auth_version);
      },
    },

    principals: {
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
    },

    roles: {
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
    },

    assignments: {
      get: (orgId, id) => one('SELECT * FROM role_assignments WHERE org_id = @orgId AND id = @id', { orgId, id }, toAssignment),
      find: (principalId, role) =>
        one('SELECT * FROM role_assignments WHERE principal_id = @principalId AND role = @role', { principalId, role }, toAssignment),
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
    },

    keys: {
      get: (orgId, id) => one('SELECT * FROM api_keys WHERE org_id = @orgId AND id = @id', { orgId, id }, toKey),
      byHash: (hash) => one('SELECT * FROM api_keys WHERE hash = @hash', { hash }, toKey),
      byPrefix: async (prefix) => (await exec.all('SELECT * FROM api_keys WHERE prefix = @prefix', { prefix })).map(toKey),
      list: async (orgId, filter, { limit, after }) => {
        const ids = idsClause(filter.ids);
        return page(
          await exec.all(
            `SELECT * FROM api_keys WHERE org_id = @orgId AND (${optional('principalId')} IS NULL OR principal_id = @principalId)
             AND (${optional('label')} IS NULL OR label = @label) ${filter.status ? `AND ${KEY_STATUS_SQL[filter.status]}` : ''}
             ${ids.sql} AND seq < @after ORDER BY seq DESC LIMIT @take`,
            {
              orgId,
              principalId: filter.principalId ?? null,
              label: filter.label ?? null,
              ...(filter.status ? { now: filter.now } : {}),
              ...ids.params,
              after: after ?? MAX_SEQ,
              take: limit + 1,
            },
          ),
          limit,
          toKey,
        );
      },
      countActive: (principalId, now) => count(`SELECT COUNT(*) AS n FROM api_keys WHERE principal_id = @principalId AND ${ACTIVE}`, { principalId, now }),
      insert: async (row) => {
        await exec.run(
          `INSERT INTO api_keys (id, org_id, principal_id, label, description, prefix, hash, created_at, expires_at, revoked_at, last_used_at, version)
           VALUES (@id, @org_id, @principal_id, @label, @description, @prefix, @hash, @created_at, @expires_at, @revoked_at, @last_used_at, @version)`,
          { ...row },
        );
      },
      update: async (row) => {
        await exec.run('UPDATE api_keys SET description = @description, revoked_at = @revoked_at, version = @version WHERE id = @id', {
          id: row.id,
          description: row.description,
          revoked_at: row.revoked_at,
          version: row.version,
        });
        await bumpOrg(row.org_id);
      },
      revokeAll: async (principalId, at) => {
        await bumpOrgOf('principals', principalId);
        return exec.run(
          `UPDATE api_keys SET revoked_at = @at, version = version + 1
           WHERE principal_id = @principalId AND (revoked_at IS NULL OR revoked_at > @at)`,
          { principalId, at },
        );
      },
      touch: async (id, at) => {
        // Only forward: replicas flush their coalesced uses in any order.
        await exec.run('UPDATE api_keys SET last_used_at = @at WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @at)', { id, at });
      },
    },

    audit: {
      insert: async (row) => {
        await exec.run(
          `INSERT INTO audit_events (id, org_id, occurred_at, principal_id, principal_type, principal_name, action, target_type, target_id, target_name, details)
           VALUES (@id, @org_id, @occurred_at, @principal_id, @principal_type, @principal_name, @action, @target_type, @target_id, @target_name, @details)`,
          { ...row, details: JSON.stringify(row.details) },
        );
      },
      list: async (orgId, filter, { limit, after }) =>
        page(
          await exec.all(
            `SELECT * FROM audit_events WHERE org_id = @orgId AND (${optional('targetId')} IS NULL OR target_id = @targetId)
             AND (${optional('principalId')} IS NULL OR principal_id = @principalId) AND (${optional('action')} IS NULL OR action = @action)
             AND (${optional('since')} IS NULL OR occurred_at >= @since) AND (${optional('until')} IS NULL OR occurred_at < @until)
             AND seq < @after ORDER BY seq DESC LIMIT @take`,
            {
              orgId,
              targetId: filter.targetId ?? null,
              principalId: filter.principalId ?? null,
              action: filter.action ?? null,
              since: filter.since ?? null,
              until: filter.until ?? null,
              after: after ?? MAX_SEQ,
              take: limit + 1,
            },
          ),
          limit,
          toAudit,
        ),
      count: (orgId) => count('SELECT COUNT(*) AS n FROM audit_events WHERE org_id = @orgId', { orgId }),
    },

    people: peopleRepositories(exec),

    idempotency: {
      get: (principalId, operation, keyHash) =>
        one(
          'SELECT * FROM idempotency_keys WHERE principal_id = @principalId AND operation = @operation AND key_hash = @keyHash',
          { principalId, operation, keyHash },
          toIdempotency,
        ),
      insert: async (row) => {
        await exec.run(
          `INSERT INTO idempotency_keys (principal_id, operation, key_hash, request_hash, resource_id, created_at, sealed_secret, sealed_until)
           VALUES (@principal_id, @operation, @key_hash, @request_hash, @resource_id, @created_at, @sealed_secret, @sealed_until)`,
          { ...row },
        );
      },
      purgeBefore: async (at) => {
        await exec.run('DELETE FROM idempotency_keys WHERE created_at < @at', { at });
      },
      eraseSealedUntil: (now) => exec.run('UPDATE idempotency_keys SET sealed_secret = NULL, sealed_until = NULL WHERE sealed_until <= @now', { now }),
    },
  };
}
