// SQL of the people repositories (the people types in types.ts), shared by SQLite and PostgreSQL like
// the other sql-*.ts modules. Membership and user writes that change who may do what bump the
// organization's auth_version, so cached key lookups notice them.
import type { InvitationRow, MembershipRow, PeopleRepositories, SessionRow, SignInFailureRow, UserRow } from './types.ts';
import { toPrincipal } from './sql-principals.ts';
import { nullableText, optional, page, sqlOn, text, type Row, type SqlExecutor } from './sql-support.ts';

const toUser = (r: Row, prefix = ''): UserRow => ({
  id: text(r[`${prefix}id`]),
  email: text(r[`${prefix}email`]),
  display_name: text(r[`${prefix}display_name`]),
  password_hash: text(r[`${prefix}password_hash`]),
  personal_org_id: text(r[`${prefix}personal_org_id`]),
  created_at: text(r[`${prefix}created_at`]),
  updated_at: text(r[`${prefix}updated_at`]),
});
const toInvitation = (r: Row): InvitationRow => ({
  id: text(r.id),
  org_id: text(r.org_id),
  email: text(r.email),
  role: text(r.role),
  token_hash: text(r.token_hash),
  created_by: text(r.created_by),
  created_at: text(r.created_at),
  expires_at: text(r.expires_at),
  accepted_at: nullableText(r.accepted_at),
  revoked_at: nullableText(r.revoked_at),
});
const toSession = (r: Row): SessionRow => ({
  id_hash: text(r.id_hash),
  user_id: text(r.user_id),
  created_at: text(r.created_at),
  expires_at: text(r.expires_at),
  last_seen_at: text(r.last_seen_at),
});
const toFailure = (r: Row): SignInFailureRow => ({
  email_hash: text(r.email_hash),
  failures: Number(r.failures),
  last_failure_at: text(r.last_failure_at),
  locked_until: nullableText(r.locked_until),
});

export function peopleRepositories(exec: SqlExecutor): PeopleRepositories {
  const { one, bumpOrg } = sqlOn(exec);
  return {
    users: {
      get: (id) => one('SELECT * FROM users WHERE id = @id', { id }, (r) => toUser(r)),
      byEmail: (email) => one('SELECT * FROM users WHERE email = @email', { email: email.toLowerCase() }, (r) => toUser(r)),
      insert: async (row) => {
        await exec.run(
          `INSERT INTO users (id, email, display_name, password_hash, personal_org_id, created_at, updated_at)
           VALUES (@id, @email, @display_name, @password_hash, @personal_org_id, @created_at, @updated_at)`,
          { ...row, email: row.email.toLowerCase() },
        );
      },
      setPassword: async (id, passwordHash, at) => {
        await exec.run('UPDATE users SET password_hash = @passwordHash, updated_at = @at WHERE id = @id', { id, passwordHash, at });
      },
    },
    memberships: {
      find: (orgId, userId) =>
        one('SELECT * FROM principals WHERE org_id = @orgId AND user_id = @userId AND deleted_at IS NULL', { orgId, userId }, toPrincipal),
      ofUser: async (userId) =>
        (await exec.all('SELECT * FROM principals WHERE user_id = @userId AND deleted_at IS NULL ORDER BY seq', { userId })).map(toPrincipal),
      list: async (orgId, filter, { limit, after }) =>
        page(
          await exec.all(
            `SELECT p.*, u.id AS u_id, u.email AS u_email, u.display_name AS u_display_name, u.password_hash AS u_password_hash,
             u.personal_org_id AS u_personal_org_id, u.created_at AS u_created_at, u.updated_at AS u_updated_at
             FROM principals p JOIN users u ON u.id = p.user_id
             WHERE p.org_id = @orgId AND p.type = 'user' AND p.deleted_at IS NULL
             AND (${optional('email')} IS NULL OR u.email = @email) AND p.seq > @after ORDER BY p.seq LIMIT @take`,
            { orgId, email: filter.email?.toLowerCase() ?? null, after: after ?? 0, take: limit + 1 },
          ),
          limit,
          (r): MembershipRow => ({ principal: toPrincipal(r), user: toUser(r, 'u_') }),
        ),
      insert: async (row) => {
        await exec.run(
          `INSERT INTO principals (id, org_id, type, name, description, disabled, created_at, updated_at, deleted_at, version, user_id)
           VALUES (@id, @org_id, 'user', @name, @description, @disabled, @created_at, @updated_at, @deleted_at, @version, @user_id)`,
          { ...row, disabled: row.disabled ? 1 : 0 },
        );
        await bumpOrg(row.org_id);
      },
    },
    invitations: {
      get: (orgId, id) => one('SELECT * FROM invitations WHERE org_id = @orgId AND id = @id', { orgId, id }, toInvitation),
      byTokenHash: (hash) => one('SELECT * FROM invitations WHERE token_hash = @hash', { hash }, toInvitation),
      list: async (orgId, { limit, after }) =>
        page(
          await exec.all('SELECT * FROM invitations WHERE org_id = @orgId AND seq > @after ORDER BY seq LIMIT @take', {
            orgId,
            after: after ?? 0,
            take: limit + 1,
          }),
          limit,
          toInvitation,
        ),
      insert: async (row) => {
        await exec.run(
          `INSERT INTO invitations (id, org_id, email, role, token_hash, created_by, created_at, expires_at, accepted_at, revoked_at)
           VALUES (@id, @org_id, @email, @role, @token_hash, @created_by, @created_at, @expires_at, @accepted_at, @revoked_at)`,
          { ...row, email: row.email.toLowerCase() },
        );
      },
      // Only one acceptance can win: the row changes only while it is still open.
      markAccepted: (id, at) => exec.run('UPDATE invitations SET accepted_at = @at WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL', { id, at }),
      markRevoked: async (id, at) => {
        await exec.run('UPDATE invitations SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL', { id, at });
      },
    },
    sessions: {
      get: (idHash) => one('SELECT * FROM sessions WHERE id_hash = @idHash', { idHash }, toSession),
      insert: async (row) => {
        await exec.run(
          'INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (@id_hash, @user_id, @created_at, @expires_at, @last_seen_at)',
          { ...row },
        );
      },
      touch: async (idHash, at) => {
        await exec.run('UPDATE sessions SET last_seen_at = @at WHERE id_hash = @idHash AND last_seen_at < @at', { idHash, at });
      },
      delete: async (idHash) => {
        await exec.run('DELETE FROM sessions WHERE id_hash = @idHash', { idHash });
      },
      deleteForUser: async (userId, keepIdHash) => {
        await exec.run('DELETE FROM sessions WHERE user_id = @userId AND id_hash <> @keep', { userId, keep: keepIdHash ?? '' });
      },
      purge: (idleBefore, createdBefore) =>
        exec.run('DELETE FROM sessions WHERE last_seen_at < @idleBefore OR created_at < @createdBefore', { idleBefore, createdBefore }),
    },
    clientMarks: {
      mark: async (target, client, created) => {
        const set = created ? 'created_by_client = @client, changed_by_client = @client' : 'changed_by_client = @client';
        if (target.table === 'roles') {
          await exec.run(`UPDATE roles SET ${set} WHERE org_id = @orgId AND name = @name`, { client, orgId: target.orgId, name: target.name });
        } else {
          await exec.run(`UPDATE ${target.table} SET ${set} WHERE id = @id`, { client, id: target.id });
        }
      },
    },
    signInFailures: {
      get: (emailHash) => one('SELECT * FROM sign_in_failures WHERE email_hash = @emailHash', { emailHash }, toFailure),
      put: async (row) => {
        await exec.run(
          `INSERT INTO sign_in_failures (email_hash, failures, last_failure_at, locked_until) VALUES (@email_hash, @failures, @last_failure_at, @locked_until)
           ON CONFLICT (email_hash) DO UPDATE SET failures = @failures, last_failure_at = @last_failure_at, locked_until = @locked_until`,
          { ...row },
        );
      },
      clear: async (emailHash) => {
        await exec.run('DELETE FROM sign_in_failures WHERE email_hash = @emailHash', { emailHash });
      },
      purge: (before, now) =>
        exec.run('DELETE FROM sign_in_failures WHERE last_failure_at < @before AND (locked_until IS NULL OR locked_until <= @now)', { before, now }),
    },
  };
}
