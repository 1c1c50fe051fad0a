// API keys: issue (secret shown once), list, read, describe and revoke (now or after a
// grace period). Only the hash and public prefix are stored; an idempotent retry gets the
// secret back for a few minutes from a seal only its Idempotency-Key opens (replay-secrets.ts).
import { generateToken, isWellFormedToken } from '../../sdk/token.ts';
import { weakKeyMaterialProblem } from '../../sdk/key-material.ts';
import { parseDuration } from '../../sdk/duration.ts';
import { keyIsActive } from '../auth.ts';
import { assertMayActAs, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { clientFields, markClient } from '../client-name.ts';
import { isMembershipId } from '../ids.ts';
import { newKeyRow } from '../key-row.ts';
import { guardLastAdmin } from '../last-admin.ts';
import type { KeyRow, Repositories } from '../storage/types.ts';
import {
  assertOwnOrg,
  audit,
  loadServiceAccount,
  checkIfMatch,
  etag,
  idempotentCreate,
  idsFilter,
  pageBody,
  pageRequest,
  authWrite,
  type Handler,
  type HandlerRequest,
  type Schemas,
  type Services,
} from './common.ts';

export const MAX_ACTIVE_KEYS = 50;
const MIN_TTL_MS = 60_000;
const MAX_TTL_MS = 3650 * 86_400_000;

export function keyStatus(key: KeyRow, nowIso: string): Schemas['KeyStatus'] {
  if (key.revoked_at !== null && key.revoked_at <= nowIso) {
    return 'revoked';
  }
  return keyIsActive(key, nowIso) ? 'active' : 'expired';
}

export function presentKey(key: KeyRow, nowIso: string): Schemas['ApiKey'] {
  return {
    id: key.id,
    service_account_id: key.principal_id,
    label: key.label,
    description: key.description,
    prefix: key.prefix,
    status: keyStatus(key, nowIso),
    created_at: key.created_at,
    expires_at: key.expires_at,
    revoked_at: key.revoked_at,
    last_used_at: key.last_used_at,
    version: key.version,
    ...clientFields(key),
  };
}

function durationField(value: string, field: string, min: number, max: number): number {
  const ms = parseDuration(value, field);
  if (ms < min || ms > max) {
    throw problem(400, 'invalid_request', `${field} must be between 60s and 3650d`, [{ field, message: 'must be between 60s and 3650d' }]);
  }
  return ms;
}

async function loadKey(repos: Repositories, req: HandlerRequest): Promise<KeyRow> {
  const key = await repos.keys.get(req.caller.org.id, req.params.keyId);
  // Personal keys are managed at /v1/me/keys, by their user only.
  if (!key || isMembershipId(key.principal_id)) {
    throw notFound(`Key ${req.params.keyId}`);
  }
  return key;
}

/** The target rule for a key: the caller must hold all that the key's principal holds. */
async function assertMayActOnKey(repos: Repositories, req: HandlerRequest, key: KeyRow, action: string): Promise<void> {
  const owner = await repos.principals.get(req.caller.org.id, key.principal_id);
  // A deleted principal's keys were revoked with it; there is nothing left to protect.
  if (owner) {
    await assertMayActAs(req.caller, repos, owner.id, owner.name, action);
  }
}

function listFilter(req: HandlerRequest, services: Services, principalId?: string) {
  return { principalId, label: req.query.label, status: req.query.status, ids: idsFilter(req.query), now: services.clock.now().toISOString() };
}

export const listServiceAccountKeys: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'keys:read');
  await loadServiceAccount(services.storage, req, req.params.serviceAccountId);
  const filter = listFilter(req, services, req.params.serviceAccountId);
  const page = await services.storage.keys.list(req.caller.org.id, filter, pageRequest(req.query));
  return { status: 200, body: pageBody(page, (k) => presentKey(k, filter.now)) };
};

export const listApiKeys: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'keys:read');
  const filter = listFilter(req, services, req.query.service_account_id);
  const page = await services.storage.keys.list(req.caller.org.id, filter, pageRequest(req.query));
  return { status: 200, body: pageBody({ ...page, items: page.items.filter((k) => !isMembershipId(k.principal_id)) }, (k) => presentKey(k, filter.now)) };
};

export const getApiKey: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'keys:read');
  const key = await loadKey(services.storage, req);
  return { status: 200, body: presentKey(key, services.clock.now().toISOString()), headers: { etag: etag(key.version) } };
};

export const createApiKey: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'keys:write');
  const body = req.body as Schemas['ApiKeyCreate'];
  const ttlMs = body.ttl === undefined ? undefined : durationField(body.ttl, 'body.ttl', MIN_TTL_MS, MAX_TTL_MS);
  if (body.token !== undefined && !isWellFormedToken(body.token)) {
    throw problem(400, 'invalid_request', 'body.token is not a well-formed Warden token (bad checksum)', [
      { field: 'body.token', message: 'is not a well-formed wdn_ token: its checksum does not match' },
    ]);
  }
  const weak = body.token === undefined ? undefined : weakKeyMaterialProblem(body.token);
  if (weak) {
    // The message describes the material, never quotes it.
    throw problem(422, 'weak_key_material', `body.token is not random enough to be a key: ${weak}.`, [
      { field: 'body.token', message: `is not random enough: ${weak}` },
    ]);
  }
  return idempotentCreate(
    req,
    services,
    'createApiKey',
    async (tx) => {
      const account = await loadServiceAccount(tx, req, req.params.serviceAccountId);
      await assertMayActAs(req.caller, tx, account.id, account.name);
      const now = services.clock.now();
      const nowIso = now.toISOString();
      if ((await tx.keys.countActive(account.id, nowIso)) >= MAX_ACTIVE_KEYS) {
        throw problem(409, 'key_limit_reached', `${account.name} already has ${MAX_ACTIVE_KEYS} active keys; revoke one before issuing another.`);
      }
      const token = body.token ?? generateToken();
      const key = newKeyRow({
        orgId: req.caller.org.id,
        principalId: account.id,
        label: body.label,
        description: body.description ?? '',
        token,
        now,
        ttlMs,
      });
      if (await tx.keys.byHash(key.hash)) {
        throw problem(409, 'name_taken', 'This token is already registered; generate fresh key material.');
      }
      await tx.keys.insert(key);
      await markClient(tx, req, { table: 'api_keys', id: key.id }, key, true);
      await audit(
        tx,
        services.clock,
        req.caller,
        'api_key.create',
        { type: 'api_key', id: key.id, name: `${account.name}/${key.label}` },
        {
          service_account_id: account.id,
          label: key.label,
          prefix: key.prefix,
          expires_at: key.expires_at,
          client_supplied: body.token !== undefined,
        },
      );
      const secret = body.token === undefined ? token : null;
      return { id: key.id, reply: { status: 201, body: { ...presentKey(key, nowIso), secret } }, secret: secret ?? undefined };
    },
    async (id, secret) => {
      const key = await services.storage.keys.get(req.caller.org.id, id);
      if (!key) {
        throw notFound(`Key ${id} (created by the earlier request)`);
      }
      return { status: 200, body: { ...presentKey(key, services.clock.now().toISOString()), secret } };
    },
    // Creates on one account queue here (across replicas too) so the 50-key count is never
    // raced, instead of failing each other's commits under contention.
    { serializeOn: `principal:${req.params.serviceAccountId}` },
  );
};

export const updateApiKey: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'keys:write');
  const body = req.body as Schemas['ApiKeyUpdate'];
  return services.storage.transaction(async (tx) => {
    const key = await loadKey(tx, req);
    await assertMayActOnKey(tx, req, key, 'change the keys of');
    checkIfMatch(req, key.version);
    if (key.description === body.description) {
      return { status: 200, body: presentKey(key, services.clock.now().toISOString()), headers: { etag: etag(key.version) } };
    }
    const next = { ...key, description: body.description, version: key.version + 1 };
    await tx.keys.update(next);
    await markClient(tx, req, { table: 'api_keys', id: key.id }, next);
    await audit(tx, services.clock, req.caller, 'api_key.update', { type: 'api_key', id: key.id, name: key.label }, { description: body.description });
    return { status: 200, body: presentKey(next, services.clock.now().toISOString()), headers: { etag: etag(next.version) } };
  }, authWrite(req));
};

export const revokeApiKey: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'keys:revoke');
  const body = (req.body ?? {}) as Schemas['ApiKeyRevoke'];
  const graceMs = body.grace_period === undefined ? 0 : durationField(body.grace_period, 'body.grace_period', 1_000, MAX_TTL_MS);
  return services.storage.transaction(async (tx) => {
    const key = await loadKey(tx, req);
    await assertMayActOnKey(tx, req, key, 'revoke the keys of');
    const now = services.clock.now();
    const at = new Date(now.getTime() + graceMs).toISOString();
    // The earlier revocation wins: a grace period never extends a key's life.
    if (key.revoked_at !== null && key.revoked_at <= at) {
      return { status: 200, body: presentKey(key, now.toISOString()) };
    }
    const next = { ...key, revoked_at: at, version: key.version + 1 };
    await guardLastAdmin(tx, req.caller.org, key.principal_id, now.toISOString(), () => tx.keys.update(next));
    await markClient(tx, req, { table: 'api_keys', id: key.id }, next);
    await audit(
      tx,
      services.clock,
      req.caller,
      'api_key.revoke',
      { type: 'api_key', id: key.id, name: key.label },
      {
        revoked_at: at,
        grace_period: body.grace_period ?? null,
      },
    );
    return { status: 200, body: presentKey(next, now.toISOString()) };
  }, authWrite(req));
};
