// createWardenClient: one openapi-fetch client typed by the generated contract, with
// middleware in this order — auth → user agent → retry (retry last; see its header) —
// and convenience methods grouped by resource that throw WardenApiError, iterate pages
// and hand back ETags. `raw` is the same openapi-fetch client, for anything else.
import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import { fetchTrustingCa } from './ca-fetch.ts';
import type { components, paths } from './generated/warden.ts';
import { WardenApiError } from './errors.ts';
import { authMiddleware } from './middleware/auth.ts';
import { retryMiddleware, type RetryHooks, type RetryOptions } from './middleware/retry.ts';
import { userAgentMiddleware } from './middleware/user-agent.ts';
import { call, type FetchResult } from './result.ts';
import { assignmentsResource, roleSetsResource } from './resources/assignments.ts';
import { auditResource } from './resources/audit.ts';
import type { ResourceContext } from './resources/context.ts';
import { keysResource } from './resources/keys.ts';
import { invitationsResource, meResource, usersResource } from './resources/people.ts';
import { rolesResource } from './resources/roles.ts';
import { serviceAccountsResource } from './resources/service-accounts.ts';
import { describeTokenProblem } from './token.ts';

export { collect } from './paging.ts';
export type { WithEtag } from './result.ts';

export type Schemas = components['schemas'];
export type ServiceAccount = Schemas['ServiceAccount'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
export type Role = Schemas['Role'];
export type RoleAssignment = Schemas['RoleAssignment'];
export type AuditEvent = Schemas['AuditEvent'];
export type Permission = Schemas['Permission'];
export type WhoAmI = Schemas['WhoAmI'];

export interface WardenClientOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  endpoint: string;
  /** A `wdn_…` key; checked locally (shape and checksum) before any request. */
  apiKey: string;
  /** The organization name. @default the key's own organization (asked once via whoami) */
  organization?: string;
  /** Injected fetch (tests, proxies). @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * PEM certificate(s) of a private CA to trust for an https:// endpoint, besides the
   * public roots Node trusts (the CLI and provider read it from WARDEN_CA_FILE). Ignored
   * when `fetch` is given.
   */
  ca?: string | Buffer | (string | Buffer)[];
  /** Retry policy for 429/503/network errors. @default { retries: 3, baseDelayMs: 200, maxDelayMs: 5000 } */
  retry?: Partial<RetryOptions>;
  /** Seams for the retry middleware (sleep, random, onRetry); mostly for tests. */
  retryHooks?: RetryHooks;
  /** Prepended to the SDK's own user agent, e.g. `warden-cli/0.1.0`. */
  userAgent?: string;
  /** Aborts every request of this client, including retry waits. */
  signal?: AbortSignal;
}

/**
 * The endpoint as it may appear in messages (origin and path, never userinfo), or the
 * problem with it. Not thrown at construction: callers such as the provider build the
 * client before their own error handling and expect failures from the first call.
 */
function checkEndpoint(endpoint: string): { shown: string; problem?: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { shown: 'the endpoint', problem: 'endpoint: not a URL; use e.g. http://127.0.0.1:8080 (WARDEN_ENDPOINT)' };
  }
  const shown = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { shown, problem: `endpoint: use an http:// or https:// URL, not ${url.protocol}` };
  }
  return { shown };
}

export function createWardenClient(options: WardenClientOptions) {
  const problem = describeTokenProblem(options.apiKey ?? '');
  if (problem) {
    // The problem text describes the key (length, prefix, checksum); it never quotes it.
    throw new WardenApiError({ status: 0, code: 'malformed_api_key', detail: `The API key is malformed: ${problem}.` });
  }
  const endpoint = checkEndpoint(options.endpoint);
  const raw: Client<paths> = createClient<paths>({
    baseUrl: options.endpoint.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : options.ca ? { fetch: fetchTrustingCa(options.ca) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  raw.use(authMiddleware(options.apiKey));
  raw.use(userAgentMiddleware(options.userAgent));
  raw.use(retryMiddleware(options.retry, options.retryHooks));

  const run = async <T>(request: () => Promise<FetchResult<T>>) => {
    if (endpoint.problem) {
      throw new WardenApiError({ status: 0, code: 'invalid_endpoint', detail: endpoint.problem });
    }
    return call(endpoint.shown, request);
  };

  // Resolved once, shared by concurrent first calls; a failure is not cached.
  let organization: Promise<string> | undefined = options.organization ? Promise.resolve(options.organization) : undefined;
  const org = (): Promise<string> => {
    organization ??= run(() => raw.GET('/v1/whoami')).then(
      (me) => me.data.organization.name,
      (error: unknown) => {
        organization = undefined;
        throw error;
      },
    );
    return organization;
  };

  const ctx: ResourceContext = {
    raw,
    org,
    call: run,
    idempotency: (key) => ({ 'Idempotency-Key': key ?? globalThis.crypto.randomUUID() }),
    ifMatch: (etag) => (etag ? { 'If-Match': etag } : {}),
  };

  return {
    /** The typed openapi-fetch client with the same middleware: `{ data } | { error }` results. */
    raw,
    /** The organization this client works in. */
    organization: org,
    /** The key's principal, organization, roles, permissions and the server's time. */
    whoami: async () => (await run(() => raw.GET('/v1/whoami'))).data,
    /** The permission catalog custom roles are built from. */
    permissions: async () => (await run(() => raw.GET('/v1/permissions'))).data.items,
    serviceAccounts: serviceAccountsResource(ctx),
    keys: keysResource(ctx),
    roles: rolesResource(ctx),
    assignments: assignmentsResource(ctx),
    roleSets: roleSetsResource(ctx),
    audit: auditResource(ctx),
    /** Members (people) of the organization. */
    users: usersResource(ctx),
    invitations: invitationsResource(ctx),
    /** The calling user (personal key): memberships and personal API keys. */
    me: meResource(ctx),
  };
}

export type WardenClient = ReturnType<typeof createWardenClient>;
