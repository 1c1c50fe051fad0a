// The caller's identity, its organization and the audit trail.
import { requirePermission } from '../authorization.ts';
import type { AuditRow } from '../storage/types.ts';
import { assertOwnOrg, pageBody, pageRequest, type Handler, type Schemas } from './common.ts';
import { presentKey } from './keys.ts';

export const whoami: Handler = async (req, services) => {
  const { caller } = req;
  const now = services.clock.now().toISOString();
  const body: Schemas['WhoAmI'] = {
    principal: { type: caller.principal.type, id: caller.principal.id, name: caller.principal.name },
    organization: caller.org,
    // Only a service account's key is an ApiKey (a personal key belongs to a person).
    ...(caller.key && caller.principal.type === 'service_account' ? { key: presentKey(caller.key, now) } : {}),
    roles: caller.roles,
    permissions: [...caller.permissions],
    server_time: now,
  };
  return { status: 200, body };
};

export const getOrganization: Handler = async (req) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'org:read');
  return { status: 200, body: req.caller.org };
};

function presentEvent(row: AuditRow): Schemas['AuditEvent'] {
  return {
    id: row.id,
    occurred_at: row.occurred_at,
    principal: { type: row.principal_type, id: row.principal_id, name: row.principal_name },
    action: row.action,
    target: { type: row.target_type, id: row.target_id, name: row.target_name },
    details: row.details,
  };
}

export const listAuditEvents: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'audit:read');
  const page = await services.storage.audit.list(
    req.caller.org.id,
    {
      targetId: req.query.target_id,
      principalId: req.query.principal_id,
      action: req.query.action,
      // Normalized to the stored form (UTC, milliseconds) so that text comparison is time order.
      since: req.query.since === undefined ? undefined : new Date(req.query.since).toISOString(),
      until: req.query.until === undefined ? undefined : new Date(req.query.until).toISOString(),
    },
    pageRequest(req.query),
  );
  return { status: 200, body: pageBody(page, presentEvent) };
};
