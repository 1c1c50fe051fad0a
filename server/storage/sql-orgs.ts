// Organizations as SQL: lookup, creation, the write lock admin changes take, and auth_version.
import { text, type Row, type Sql } from './sql-support.ts';
import type { OrgRow, Repositories } from './types.ts';

const toOrg = (r: Row): OrgRow => ({ id: text(r.id), name: text(r.name), kind: r.kind as OrgRow['kind'], created_at: text(r.created_at) });

export function sqlOrgs({ exec, one }: Sql): Repositories['orgs'] {
  return {
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
  };
}
