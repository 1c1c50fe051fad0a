// Shared pieces of every handler: the request/reply shapes, the organization check,
// paging cursors, ETag preconditions, audit writing and idempotent creates.
import { createHash } from 'node:crypto';
import type { components } from '../../sdk/generated/warden.ts';
import type { Caller } from '../auth.ts';
import type { Clock } from '../clock.ts';
import { notFound, problem } from '../errors.ts';
import { newId } from '../ids.ts';
import type { ReplaySecrets } from '../replay-secrets.ts';
import type { SessionPolicy } from '../sessions.ts';
import type { AuditRow, Page, PageRequest, PrincipalRow, Repositories, Storage, TransactionOptions } from '../storage/types.ts';

export type Schemas = components['schemas'];

export interface Services {
  storage: Storage;
  clock: Clock;
  secrets: ReplaySecrets;
  /** Browser session lifetimes (sessions.ts). */
  sessions: SessionPolicy;
}

/** Facts about the HTTP client that some handlers need (cookies, links, the client's name). */
export interface ClientInfo {
  /** Served over TLS: cookies get `Secure`. */
  secure: boolean;
  /** The server's public base URL, without a trailing slash. */
  baseUrl: string;
  userAgent?: string;
  cookie?: string;
}

/**
 * A request part after the contract's validators checked it (server/contract.ts): its shape
 * is the operation's schema, which each handler reads field by field.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes come from the contract at run time
export type Validated = any;

export interface HandlerRequest {
  params: Record<string, Validated>;
  query: Record<string, Validated>;
  headers: Record<string, string | string[] | undefined>;
  body: Validated;
  caller: Caller;
  client?: ClientInfo;
}

/** A request of an operation that authenticates on its own (sign-in, session, accepting an invitation). */
export type PublicRequest = Omit<HandlerRequest, 'caller' | 'client'> & { client: ClientInfo };

export interface HandlerReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: HandlerRequest, services: Services) => Promise<HandlerReply>;
export type PublicHandler = (req: PublicRequest, services: Services) => Promise<HandlerReply>;

/** Callers see only their own organization; any other name answers 404, revealing nothing. */
export function assertOwnOrg(req: HandlerRequest): void {
  if (req.params.org !== req.caller.org.name) {
    throw notFound(`Organization "${req.params.org}"`);
  }
}

/** A live service account of the caller's organization, or 404. */
export async function loadServiceAccount(repos: Repositories, req: HandlerRequest, id: string): Promise<PrincipalRow> {
  const account = await repos.principals.get(req.caller.org.id, id);
  if (!account || account.type !== 'service_account') {
    throw notFound(`Service account ${id}`);
  }
  return account;
}

export function pageRequest(query: Record<string, Validated>): PageRequest {
  const limit = Number(query.limit ?? 50);
  if (query.cursor === undefined) {
    return { limit };
  }
  const after = Number(Buffer.from(String(query.cursor), 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(after) || after < 0) {
    throw problem(400, 'invalid_request', 'query.cursor is not a cursor this server issued', [
      { field: 'query.cursor', message: 'is not a cursor this server issued; pass next_cursor from the previous page' },
    ]);
  }
  return { limit, after };
}

/** The `ids` filter of a bulk list (`ids=a,b,c`, already checked by the contract's pattern). */
export function idsFilter(query: Record<string, Validated>): string[] | undefined {
  return typeof query.ids === 'string' ? [...new Set(query.ids.split(','))] : undefined;
}

export function pageBody<T, U>(page: Page<T>, map: (row: T) => U): { items: U[]; next_cursor: string | null } {
  return {
    items: page.items.map(map),
    next_cursor: page.next === null ? null : Buffer.from(String(page.next)).toString('base64url'),
  };
}

export const etag = (version: number): string => `"${version}"`;

/** A stale If-Match answers 412 and changes nothing; no If-Match means unconditional. */
export function checkIfMatch(req: HandlerRequest, version: number): void {
  const header = req.headers['if-match'];
  if (typeof header === 'string' && header !== etag(version)) {
    throw problem(412, 'version_conflict', `The entity is at version ${etag(version)}, not ${header}; read it again and retry.`);
  }
}

export async function audit(
  tx: Repositories,
  clock: Clock,
  caller: Caller,
  action: string,
  target: { type: AuditRow['target_type']; id: string; name: string },
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.audit.insert({
    id: newId('evt'),
    org_id: caller.org.id,
    occurred_at: clock.now().toISOString(),
    principal_id: caller.principal.id,
    principal_type: caller.principal.type,
    principal_name: caller.principal.name,
    action,
    target_type: target.type,
    target_id: target.id,
    target_name: target.name,
    details,
  });
}

/** What a create hands back: the new resource's id, the reply, and a secret to replay (if any). */
export interface Created {
  id: string;
  reply: HandlerReply;
  secret?: string;
}

/**
 * For writes that change what a key may do: they bump the organization's auth_version row,
 * so on PostgreSQL they queue on one lock per organization (taken before the transaction
 * starts) instead of failing each other's serializable commits and running out of retries.
 */
export function authWrite(req: HandlerRequest): TransactionOptions {
  return { serializeOn: `auth:${req.caller.org.id}` };
}

/**
 * Runs a create at most once per (caller, operation, Idempotency-Key). A retry with the
 * same body replays the stored resource id through `replay`, with the created secret
 * while its replay window lasts (else null); another body is refused. `options` go to
 * the storage transaction (e.g. to serialize creates on one account).
 */
export async function idempotentCreate(
  req: HandlerRequest,
  services: Services,
  operation: string,
  create: (tx: Repositories) => Promise<Created>,
  replay: (id: string, secret: string | null) => Promise<HandlerReply>,
  options: TransactionOptions = {},
): Promise<HandlerReply> {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string') {
    return services.storage.transaction(async (tx) => (await create(tx)).reply, options);
  }
  await services.secrets.sweep();
  const principalId = req.caller.principal.id;
  const keyHash = services.secrets.lookupHash(key, principalId, operation);
  const requestHash = createHash('sha256')
    .update(JSON.stringify([req.params, req.body ?? null]))
    .digest('hex');
  const context = (resourceId: string) => ({ orgId: req.caller.org.id, principalId, operation, resourceId });
  const outcome = await services.storage.transaction(async (tx) => {
    const earlier = await tx.idempotency.get(principalId, operation, keyHash);
    if (earlier) {
      if (earlier.request_hash !== requestHash) {
        throw problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new request.');
      }
      return { replayOf: earlier.resource_id, secret: await services.secrets.open(tx, earlier, key, context(earlier.resource_id)) };
    }
    const created = await create(tx);
    await tx.idempotency.insert({
      principal_id: principalId,
      operation,
      key_hash: keyHash,
      request_hash: requestHash,
      resource_id: created.id,
      created_at: services.clock.now().toISOString(),
      ...services.secrets.seal(created.secret, key, context(created.id)),
    });
    return { reply: created.reply };
  }, options);
  if ('reply' in outcome) {
    return outcome.reply!;
  }
  const replayed = await replay(outcome.replayOf, outcome.secret);
  return { ...replayed, status: 200, headers: { ...replayed.headers, 'idempotent-replayed': 'true' } };
}

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? '');
  return /UNIQUE constraint failed|duplicate key value/.test(text);
}
