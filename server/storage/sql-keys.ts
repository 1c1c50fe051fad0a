// API keys as SQL: lookup by hash and prefix, status filters evaluated at a given time, revocation, last use.
import { optional, idsClause, page, text, nullableText, MAX_SEQ, type Row, type Sql } from './sql-support.ts';
import type { KeyRow, KeyStatus, Repositories } from './types.ts';

const ACTIVE = '(revoked_at IS NULL OR revoked_at > @now) AND (expires_at IS NULL OR expires_at > @now)';
const KEY_STATUS_SQL: Record<KeyStatus, string> = {
  active: ACTIVE,
  revoked: 'revoked_at IS NOT NULL AND revoked_at <= @now',
  expired: '(revoked_at IS NULL OR revoked_at > @now) AND expires_at IS NOT NULL AND expires_at <= @now',
};

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

export function sqlKeys({ exec, one, count, bumpOrg, bumpOrgOf }: Sql): Repositories['keys'] {
  return {
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
  };
}
