// SQLite storage (better-sqlite3): one file, WAL, foreign keys. better-sqlite3 is
// synchronous, so transactions are serialized by a promise queue: a transaction's
// async body never interleaves with another's statements.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import type {
  AssignmentRow, AuditRow, IdempotencyRow, KeyRow, KeyStatus, OrgRow, Page, PageRequest,
  PrincipalRow, Repositories, RoleRow, Storage,
} from './types.ts';

type Row = Record<string, unknown>;

const ACTIVE = '(revoked_at IS NULL OR revoked_at > @now) AND (expires_at IS NULL OR expires_at > @now)';
const KEY_STATUS_SQL: Record<KeyStatus, string> = {
  active: ACTIVE,
  revoked: 'revoked_at IS NOT NULL AND revoked_at <= @now',
  expired: '(revoked_at IS NULL OR revoked_at > @now) AND expires_at IS NOT NULL AND expires_at <= @now',
};

function page<T>(rows: Row[], limit: number, map: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), next: more ? Number(kept[kept.length - 1]!.seq) : null };
}

const toPrincipal = (r: Row): PrincipalRow => ({
  id: r.id as string,
  org_id: r.org_id as string,
  type: r.type as PrincipalRow['type'],
  name: r.name as string,
  description: r.description as string,
  disabled: r.disabled === 1,
  created_at: r.created_at as string,
  updated_at: r.updated_at as string,
  deleted_at: (r.deleted_at as string | null) ?? null,
  version: r.version as number,
});
const toRole = (r: Row): RoleRow => ({
  org_id: r.org_id as string,
  name: r.name as string,
  description: r.description as string,
  permissions: JSON.parse(r.permissions as string) as string[],
  created_at: r.created_at as string,
  updated_at: r.updated_at as string,
  version: r.version as number,
});
const toAssignment = (r: Row): AssignmentRow => ({
  id: r.id as string,
  org_id: r.org_id as string,
  principal_id: r.principal_id as string,
  role: r.role as string,
  created_at: r.created_at as string,
});
const toKey = (r: Row): KeyRow => ({
  id: r.id as string,
  org_id: r.org_id as string,
  principal_id: r.principal_id as string,
  label: r.label as string,
  description: r.description as string,
  prefix: r.prefix as string,
  hash: r.hash as string,
  created_at: r.created_at as string,
  expires_at: (r.expires_at as string | null) ?? null,
  revoked_at: (r.revoked_at as string | null) ?? null,
  last_used_at: (r.last_used_at as string | null) ?? null,
  version: r.version as number,
});
const toAudit = (r: Row): AuditRow => ({
  id: r.id as string,
  org_id: r.org_id as string,
  occurred_at: r.occurred_at as string,
  principal_id: r.principal_id as string,
  principal_type: r.principal_type as AuditRow['principal_type'],
  principal_name: r.principal_name as string,
  action: r.action as string,
  target_type: r.target_type as AuditRow['target_type'],
  target_id: r.target_id as string,
  target_name: r.target_name as string,
  details: JSON.parse(r.details as string) as Record<string, unknown>,
});

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((this.db.prepare('SELECT version FROM migrations').all() as Row[]).map((r) => r.version as number));
    SQLITE_MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (!done.has(version)) {
        this.db.transaction(() => {
          this.db.exec(sql);
          this.db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
        })();
      }
    });
  }

  private all(sql: string, params: Row = {}): Row[] {
    return this.db.prepare(sql).all(params) as Row[];
  }

  private one(sql: string, params: Row = {}): Row | undefined {
    return this.db.prepare(sql).get(params) as Row | undefined;
  }

  private run(sql: string, params: Row = {}): number {
    return this.db.prepare(sql).run(params).changes;
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this);
        this.db.exec('COMMIT');
        return value;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  async ping(): Promise<void> {
    this.one('SELECT 1');
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }

  orgs: Repositories['orgs'] = {
    byName: async (name) => this.one('SELECT id, name, kind, created_at FROM organizations WHERE name = @name', { name }) as OrgRow | undefined,
    byId: async (id) => this.one('SELECT id, name, kind, created_at FROM organizations WHERE id = @id', { id }) as OrgRow | undefined,
    insert: async (row) => {
      this.run('INSERT INTO organizations (id, name, kind, created_at) VALUES (@id, @name, @kind, @created_at)', { ...row });
    },
  };

  principals: Repositories['principals'] = {
    get: async (orgId, id) => {
      const row = this.one('SELECT * FROM principals WHERE org_id = @orgId AND id = @id AND deleted_at IS NULL', { orgId, id });
      return row && toPrincipal(row);
    },
    byName: async (orgId, name) => {
      const row = this.one('SELECT * FROM principals WHERE org_id = @orgId AND name = @name AND deleted_at IS NULL', { orgId, name });
      return row && toPrincipal(row);
    },
    list: async (orgId, filter, { limit, after }) => {
      const rows = this.all(
        `SELECT * FROM principals WHERE org_id = @orgId AND type = 'service_account' AND deleted_at IS NULL
         AND (@name IS NULL OR name = @name) AND seq > @after ORDER BY seq LIMIT @take`,
        { orgId, name: filter.name ?? null, after: after ?? 0, take: limit + 1 },
      );
      return page(rows, limit, toPrincipal);
    },
    insert: async (row) => {
      this.run(
        `INSERT INTO principals (id, org_id, type, name, description, disabled, created_at, updated_at, deleted_at, version)
         VALUES (@id, @org_id, @type, @name, @description, @disabled, @created_at, @updated_at, @deleted_at, @version)`,
        { ...row, disabled: row.disabled ? 1 : 0 },
      );
    },
    update: async (row) => {
      this.run(
        `UPDATE principals SET description = @description, disabled = @disabled, updated_at = @updated_at,
         deleted_at = @deleted_at, version = @version WHERE id = @id`,
        { ...row, disabled: row.disabled ? 1 : 0 },
      );
    },
  };

  roles: Repositories['roles'] = {
    get: async (orgId, name) => {
      const row = this.one('SELECT * FROM roles WHERE org_id = @orgId AND name = @name', { orgId, name });
      return row && toRole(row);
    },
    list: async (orgId, filter, { limit, after }) => {
      const rows = this.all(
        `SELECT * FROM roles WHERE org_id = @orgId AND (@name IS NULL OR name = @name) AND seq > @after ORDER BY seq LIMIT @take`,
        { orgId, name: filter.name ?? null, after: after ?? 0, take: limit + 1 },
      );
      return page(rows, limit, toRole);
    },
    insert: async (row) => {
      this.run(
        `INSERT INTO roles (org_id, name, description, permissions, created_at, updated_at, version)
         VALUES (@org_id, @name, @description, @permissions, @created_at, @updated_at, @version)`,
        { ...row, permissions: JSON.stringify(row.permissions) },
      );
    },
    update: async (row) => {
      this.run(
        `UPDATE roles SET description = @description, permissions = @permissions, updated_at = @updated_at, version = @version
         WHERE org_id = @org_id AND name = @name`,
        { ...row, permissions: JSON.stringify(row.permissions) },
      );
    },
    delete: async (orgId, name) => {
      this.run('DELETE FROM roles WHERE org_id = @orgId AND name = @name', { orgId, name });
    },
  };

  assignments: Repositories['assignments'] = {
    get: async (orgId, id) => {
      const row = this.one('SELECT * FROM role_assignments WHERE org_id = @orgId AND id = @id', { orgId, id });
      return row && toAssignment(row);
    },
    find: async (principalId, role) => {
      const row = this.one('SELECT * FROM role_assignments WHERE principal_id = @principalId AND role = @role', { principalId, role });
      return row && toAssignment(row);
    },
    list: async (orgId, filter, { limit, after }) => {
      const rows = this.all(
        `SELECT * FROM role_assignments WHERE org_id = @orgId AND (@principalId IS NULL OR principal_id = @principalId)
         AND (@role IS NULL OR role = @role) AND seq > @after ORDER BY seq LIMIT @take`,
        { orgId, principalId: filter.principalId ?? null, role: filter.role ?? null, after: after ?? 0, take: limit + 1 },
      );
      return page(rows, limit, toAssignment);
    },
    rolesOf: async (principalId) =>
      this.all('SELECT role FROM role_assignments WHERE principal_id = @principalId ORDER BY role', { principalId }).map(
        (r) => r.role as string,
      ),
    countForRole: async (orgId, role) =>
      Number(this.one('SELECT COUNT(*) AS n FROM role_assignments WHERE org_id = @orgId AND role = @role', { orgId, role })!.n),
    insert: async (row) => {
      this.run(
        'INSERT INTO role_assignments (id, org_id, principal_id, role, created_at) VALUES (@id, @org_id, @principal_id, @role, @created_at)',
        { ...row },
      );
    },
    delete: async (id) => {
      this.run('DELETE FROM role_assignments WHERE id = @id', { id });
    },
  };

  keys: Repositories['keys'] = {
    get: async (orgId, id) => {
      const row = this.one('SELECT * FROM api_keys WHERE org_id = @orgId AND id = @id', { orgId, id });
      return row && toKey(row);
    },
    byHash: async (hash) => {
      const row = this.one('SELECT * FROM api_keys WHERE hash = @hash', { hash });
      return row && toKey(row);
    },
    list: async (orgId, filter, { limit, after }) => {
      const status = filter.status ? `AND ${KEY_STATUS_SQL[filter.status]}` : '';
      const rows = this.all(
        `SELECT * FROM api_keys WHERE org_id = @orgId AND (@principalId IS NULL OR principal_id = @principalId)
         AND (@label IS NULL OR label = @label) ${status} AND seq < @after ORDER BY seq DESC LIMIT @take`,
        {
          orgId, principalId: filter.principalId ?? null, label: filter.label ?? null, now: filter.now,
          after: after ?? Number.MAX_SAFE_INTEGER, take: limit + 1,
        },
      );
      return page(rows, limit, toKey);
    },
    countActive: async (principalId, now) =>
      Number(this.one(`SELECT COUNT(*) AS n FROM api_keys WHERE principal_id = @principalId AND ${ACTIVE}`, { principalId, now })!.n),
    insert: async (row) => {
      this.run(
        `INSERT INTO api_keys (id, org_id, principal_id, label, description, prefix, hash, created_at, expires_at, revoked_at, last_used_at, version)
         VALUES (@id, @org_id, @principal_id, @label, @description, @prefix, @hash, @created_at, @expires_at, @revoked_at, @last_used_at, @version)`,
        { ...row },
      );
    },
    update: async (row) => {
      this.run(
        'UPDATE api_keys SET description = @description, revoked_at = @revoked_at, version = @version WHERE id = @id',
        { ...row },
      );
    },
    revokeAll: async (principalId, at) =>
      this.run(
        `UPDATE api_keys SET revoked_at = @at, version = version + 1
         WHERE principal_id = @principalId AND (revoked_at IS NULL OR revoked_at > @at)`,
        { principalId, at },
      ),
    touch: async (id, at) => {
      this.run('UPDATE api_keys SET last_used_at = @at WHERE id = @id', { id, at });
    },
  };

  audit: Repositories['audit'] = {
    insert: async (row) => {
      this.run(
        `INSERT INTO audit_events (id, org_id, occurred_at, principal_id, principal_type, principal_name, action, target_type, target_id, target_name, details)
         VALUES (@id, @org_id, @occurred_at, @principal_id, @principal_type, @principal_name, @action, @target_type, @target_id, @target_name, @details)`,
        { ...row, details: JSON.stringify(row.details) },
      );
    },
    list: async (orgId, filter, { limit, after }) => {
      const rows = this.all(
        `SELECT * FROM audit_events WHERE org_id = @orgId AND (@targetId IS NULL OR target_id = @targetId)
         AND (@principalId IS NULL OR principal_id = @principalId) AND (@action IS NULL OR action = @action)
         AND seq < @after ORDER BY seq DESC LIMIT @take`,
        {
          orgId, targetId: filter.targetId ?? null, principalId: filter.principalId ?? null, action: filter.action ?? null,
          after: after ?? Number.MAX_SAFE_INTEGER, take: limit + 1,
        },
      );
      return page(rows, limit, toAudit);
    },
    count: async (orgId) => Number(this.one('SELECT COUNT(*) AS n FROM audit_events WHERE org_id = @orgId', { orgId })!.n),
  };

  idempotency: Repositories['idempotency'] = {
    get: async (principalId, operation, key) =>
      this.one('SELECT * FROM idempotency_keys WHERE principal_id = @principalId AND operation = @operation AND key = @key', {
        principalId, operation, key,
      }) as IdempotencyRow | undefined,
    insert: async (row) => {
      this.run(
        `INSERT INTO idempotency_keys (principal_id, operation, key, request_hash, resource_id, created_at)
         VALUES (@principal_id, @operation, @key, @request_hash, @resource_id, @created_at)`,
        { ...row },
      );
    },
    purgeBefore: async (at) => {
      this.run('DELETE FROM idempotency_keys WHERE created_at < @at', { at });
    },
  };
}
