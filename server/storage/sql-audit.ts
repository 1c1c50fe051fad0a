// The audit trail and idempotency records as SQL: append-only history of what was done, and
// the replay records that make a retried create answer like the first.
import { optional, page, text, nullableText, MAX_SEQ, type Row, type Sql } from './sql-support.ts';
import type { AuditRow, IdempotencyRow, Repositories } from './types.ts';

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

export function sqlAudit({ exec, count }: Sql): Repositories['audit'] {
  return {
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
  };
}

export function sqlIdempotency({ exec, one }: Sql): Repositories['idempotency'] {
  return {
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
  };
}
