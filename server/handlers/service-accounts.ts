// Service accounts: create (shared organizations only), read, update, disable/enable and
// delete (which revokes every key and drops every role, keeping the audit trail readable).
import { assertMayActAs, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { clientFields, markClient } from '../client-name.ts';
import { newId } from '../ids.ts';
import { guardLastAdmin } from '../last-admin.ts';
import type { PrincipalRow, Repositories } from '../storage/types.ts';
import {
  assertOwnOrg,
  audit,
  loadServiceAccount,
  checkIfMatch,
  etag,
  idempotentCreate,
  isUniqueViolation,
  pageBody,
  pageRequest,
  authWrite,
  type Handler,
  type HandlerRequest,
  type Schemas,
  type Services,
} from './common.ts';

async function present(repos: Repositories, row: PrincipalRow, nowIso: string): Promise<Schemas['ServiceAccount']> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    disabled: row.disabled,
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
    active_key_count: await repos.keys.countActive(row.id, nowIso),
    ...clientFields(row),
  };
}

const load = (repos: Repositories, req: HandlerRequest): Promise<PrincipalRow> => loadServiceAccount(repos, req, req.params.serviceAccountId);

async function reply(services: Services, row: PrincipalRow, status = 200) {
  const body = await present(services.storage, row, services.clock.now().toISOString());
  return { status, body, headers: { etag: etag(row.version) } };
}

export const listServiceAccounts: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'service_accounts:read');
  const page = await services.storage.principals.list(req.caller.org.id, { name: req.query.name }, pageRequest(req.query));
  const nowIso = services.clock.now().toISOString();
  const { next_cursor } = pageBody(page, (row) => row);
  const items = await Promise.all(page.items.map((row) => present(services.storage, row, nowIso)));
  return { status: 200, body: { items, next_cursor } };
};

export const createServiceAccount: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'service_accounts:write');
  if (req.caller.org.kind !== 'shared') {
    throw problem(409, 'organization_not_shared', `"${req.caller.org.name}" is a personal organization; create service accounts in a shared organization.`);
  }
  const body = req.body as Schemas['ServiceAccountCreate'];
  return idempotentCreate(
    req,
    services,
    'createServiceAccount',
    async (tx) => {
      const now = services.clock.now().toISOString();
      const row: PrincipalRow = {
        id: newId('sa'),
        org_id: req.caller.org.id,
        type: 'service_account',
        name: body.name,
        description: body.description ?? '',
        disabled: body.disabled ?? false,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        version: 1,
      };
      if (await tx.principals.byName(row.org_id, row.name)) {
        throw problem(409, 'name_taken', `A service account named "${row.name}" already exists; pick another name or import the existing one.`);
      }
      try {
        await tx.principals.insert(row);
      } catch (error) {
        throw isUniqueViolation(error) ? problem(409, 'name_taken', `A service account named "${row.name}" already exists.`) : error;
      }
      await markClient(tx, req, { table: 'principals', id: row.id }, row, true);
      await audit(
        tx,
        services.clock,
        req.caller,
        'service_account.create',
        { type: 'service_account', id: row.id, name: row.name },
        {
          description: row.description,
          disabled: row.disabled,
        },
      );
      return { id: row.id, reply: await reply(services, row, 201) };
    },
    async (id) => {
      const row = await services.storage.principals.get(req.caller.org.id, id);
      if (!row) {
        throw notFound(`Service account ${id} (created by the earlier request)`);
      }
      return reply(services, row);
    },
  );
};

export const getServiceAccount: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'service_accounts:read');
  return reply(services, await load(services.storage, req));
};

async function change(req: HandlerRequest, services: Services, patch: { description?: string; disabled?: boolean }, action?: string) {
  assertOwnOrg(req);
  requirePermission(req.caller, 'service_accounts:write');
  return services.storage.transaction(async (tx) => {
    const row = await load(tx, req);
    const verb = action ?? (patch.disabled === undefined || patch.disabled === row.disabled ? 'update' : patch.disabled ? 'disable' : 'enable');
    await assertMayActAs(req.caller, tx, row.id, row.name, verb);
    checkIfMatch(req, row.version);
    const next: PrincipalRow = { ...row, ...patch };
    if (next.description === row.description && next.disabled === row.disabled) {
      return reply(services, row);
    }
    next.version = row.version + 1;
    next.updated_at = services.clock.now().toISOString();
    if (next.disabled && !row.disabled) {
      await guardLastAdmin(tx, req.caller.org, row.id, next.updated_at, () => tx.principals.update(next));
    } else {
      await tx.principals.update(next);
    }
    await markClient(tx, req, { table: 'principals', id: row.id }, next);
    await audit(tx, services.clock, req.caller, `service_account.${verb}`, { type: 'service_account', id: row.id, name: row.name }, patch);
    return reply(services, next);
  }, authWrite(req));
}

export const updateServiceAccount: Handler = (req, services) => change(req, services, req.body as Schemas['ServiceAccountUpdate']);
export const disableServiceAccount: Handler = (req, services) => change(req, services, { disabled: true }, 'disable');
export const enableServiceAccount: Handler = (req, services) => change(req, services, { disabled: false }, 'enable');

export const deleteServiceAccount: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'service_accounts:delete');
  return services.storage.transaction(async (tx) => {
    const row = await load(tx, req);
    await assertMayActAs(req.caller, tx, row.id, row.name, 'delete');
    checkIfMatch(req, row.version);
    const now = services.clock.now().toISOString();
    const assignments = await tx.assignments.list(req.caller.org.id, { principalId: row.id }, { limit: 1000 });
    const revoked = await guardLastAdmin(tx, req.caller.org, row.id, now, async () => {
      const count = await tx.keys.revokeAll(row.id, now);
      for (const assignment of assignments.items) {
        await tx.assignments.delete(assignment.id);
      }
      await tx.principals.update({ ...row, deleted_at: now, updated_at: now, version: row.version + 1 });
      return count;
    });
    await audit(
      tx,
      services.clock,
      req.caller,
      'service_account.delete',
      { type: 'service_account', id: row.id, name: row.name },
      {
        revoked_keys: revoked,
        removed_roles: assignments.items.map((a) => a.role),
      },
    );
    return { status: 204 };
  }, authWrite(req));
};
