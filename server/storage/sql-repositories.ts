// The repositories as SQL shared by SQLite and PostgreSQL, assembled from one module per
// aggregate (sql-orgs, sql-principals, sql-roles, sql-keys, sql-audit); what they share is
// in sql-support.ts. Statements use `@name` parameters; each executor binds them its own way.
import { sqlAudit, sqlIdempotency } from './sql-audit.ts';
import { sqlKeys } from './sql-keys.ts';
import { sqlOrgs } from './sql-orgs.ts';
import { sqlPrincipals } from './sql-principals.ts';
import { sqlAssignments, sqlRoles } from './sql-roles.ts';
import { peopleRepositories } from './people-repositories.ts';
import { sqlOn, type SqlExecutor } from './sql-support.ts';
import type { Repositories } from './types.ts';

export type { Row, SqlExecutor } from './sql-support.ts';

export function sqlRepositories(exec: SqlExecutor): Repositories {
  const sql = sqlOn(exec);
  return {
    orgs: sqlOrgs(sql),
    principals: sqlPrincipals(sql),
    roles: sqlRoles(sql),
    assignments: sqlAssignments(sql),
    keys: sqlKeys(sql),
    audit: sqlAudit(sql),
    people: peopleRepositories(exec),
    idempotency: sqlIdempotency(sql),
  };
}
