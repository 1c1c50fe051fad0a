// What the SQL repositories share: the executor each database adapts (statements use
// `@name` parameters; each executor binds them its own way), paging, row decoding, and the
// organization's auth_version bump every auth-relevant write makes (see types.ts).
import type { Page } from './types.ts';

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  all(sql: string, params?: Row): Promise<Row[]>;
  one(sql: string, params?: Row): Promise<Row | undefined>;
  run(sql: string, params?: Row): Promise<number>;
}

/** A nullable filter parameter, CAST so that PostgreSQL can type it. */
export const optional = (name: string) => `CAST(@${name} AS TEXT)`;

/** `AND id IN (@id0, …)` for an ids filter, with its parameters; nothing without one. */
export function idsClause(ids: string[] | undefined): { sql: string; params: Row } {
  if (ids === undefined) {
    return { sql: '', params: {} };
  }
  const params: Row = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
  return { sql: ids.length === 0 ? 'AND 1 = 0' : `AND id IN (${ids.map((_, i) => `@id${i}`).join(', ')})`, params };
}

export function page<T>(rows: Row[], limit: number, map: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), next: more ? Number(kept[kept.length - 1]!.seq) : null };
}

export const text = (v: unknown) => v as string;
export const nullableText = (v: unknown) => (v as string | null) ?? null;

/** The start of a newest-first listing. */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** The executor plus the small queries every repository uses. */
export interface Sql {
  exec: SqlExecutor;
  one<T>(sql: string, params: Row, map: (r: Row) => T): Promise<T | undefined>;
  count(sql: string, params: Row): Promise<number>;
  /** Every auth-relevant write bumps its organization's auth_version (see types.ts). */
  bumpOrg(orgId: string): Promise<number>;
  bumpOrgOf(table: 'principals' | 'role_assignments', id: string): Promise<number>;
}

export function sqlOn(exec: SqlExecutor): Sql {
  return {
    exec,
    one: async (sql, params, map) => {
      const row = await exec.one(sql, params);
      return row && map(row);
    },
    count: async (sql, params) => Number((await exec.one(sql, params))!.n),
    bumpOrg: (orgId) => exec.run('UPDATE organizations SET auth_version = auth_version + 1 WHERE id = @orgId', { orgId }),
    bumpOrgOf: (table, id) =>
      exec.run(`UPDATE organizations SET auth_version = auth_version + 1 WHERE id = (SELECT org_id FROM ${table} WHERE id = @id)`, { id }),
  };
}
