// The Warden client: openapi-fetch typed by the generated contract types, plus
// convenience methods that throw WardenApiError, iterate pages and carry ETags.
import createClient from 'openapi-fetch';
import { randomUUID } from 'node:crypto';
import type { components, paths } from './generated/warden.ts';
import { WardenApiError } from './errors.ts';
import { DEFAULT_RETRY, authMiddleware, retryingFetch, userAgentMiddleware, type RetryOptions } from './middleware.ts';
import { describeTokenProblem } from './token.ts';

export type Schemas = components['schemas'];
export type ServiceAccount = Schemas['ServiceAccount'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
export type Role = Schemas['Role'];
export type RoleAssignment = Schemas['RoleAssignment'];
export type AuditEvent = Schemas['AuditEvent'];

export interface WardenClientOptions {
  endpoint: string;
  apiKey: string;
  /** The organization name; defaults to the key's own organization (from whoami). */
  organization?: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryOptions>;
  userAgent?: string;
}

export interface WithEtag<T> {
  data: T;
  etag?: string;
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function unwrap<T>(result: Result<T>): WithEtag<T> {
  if (result.error !== undefined || !result.response.ok) {
    const problem = typeof result.error === 'object' ? (result.error as Schemas['Problem']) : undefined;
    throw new WardenApiError(result.response.status, problem, `HTTP ${result.response.status}`);
  }
  return { data: result.data as T, etag: result.response.headers.get('etag') ?? undefined };
}

async function guard<T>(call: () => Promise<Result<T>>): Promise<WithEtag<T>> {
  try {
    return unwrap(await call());
  } catch (error) {
    if (error instanceof WardenApiError) {
      throw error;
    }
    throw new WardenApiError(0, undefined, `Cannot reach the Warden server: ${(error as Error).message}`);
  }
}

/** Drains an async iterator (e.g. `client.keys.iterate()`) into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
  }
  return out;
}

async function* pages<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; next_cursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

export function createWardenClient(options: WardenClientOptions) {
  const problem = describeTokenProblem(options.apiKey);
  if (problem) {
    throw new WardenApiError(401, { code: 'unauthenticated', detail: `The API key is malformed: ${problem}.` }, 'malformed API key');
  }
  const baseFetch = options.fetch ?? globalThis.fetch;
  const raw = createClient<paths>({
    baseUrl: options.endpoint.replace(/\/+$/, ''),
    fetch: retryingFetch(baseFetch, { ...DEFAULT_RETRY, ...options.retry }),
  });
  raw.use(authMiddleware(options.apiKey));
  raw.use(userAgentMiddleware(options.userAgent ?? 'warden-sdk/0.1.0'));

  let orgName = options.organization;
  const org = async (): Promise<string> => {
    if (!orgName) {
      orgName = (await guard(() => raw.GET('/v1/whoami'))).data.organization.name;
    }
    return orgName;
  };
  const idem = (key?: string) => ({ 'Idempotency-Key': key ?? randomUUID() });
  const match = (ifMatch?: string) => (ifMatch ? { 'If-Match': ifMatch } : {});

  const serviceAccounts = {
    list: async (query: { name?: string; limit?: number; cursor?: string } = {}) =>
      (await guard(async () => raw.GET('/v1/orgs/{org}/service-accounts', { params: { path: { org: await org() }, query } }))).data,
    iterate: (query: { name?: string } = {}) => pages((cursor) => serviceAccounts.list({ ...query, cursor })),
    get: async (id: string) =>
      guard(async () => raw.GET('/v1/orgs/{org}/service-accounts/{serviceAccountId}', { params: { path: { org: await org(), serviceAccountId: id } } })),
    findByName: async (name: string): Promise<ServiceAccount | undefined> => (await serviceAccounts.list({ name })).items[0],
    create: async (body: Schemas['ServiceAccountCreate'], idempotencyKey?: string) =>
      guard(async () => raw.POST('/v1/orgs/{org}/service-accounts', { params: { path: { org: await org() }, header: idem(idempotencyKey) }, body })),
    update: async (id: string, body: Schemas['ServiceAccountUpdate'], ifMatch?: string) =>
      guard(async () =>
        raw.PATCH('/v1/orgs/{org}/service-accounts/{serviceAccountId}', {
          params: { path: { org: await org(), serviceAccountId: id }, header: match(ifMatch) },
          body,
        }),
      ),
    disable: async (id: string) =>
      guard(async () => raw.POST('/v1/orgs/{org}/service-accounts/{serviceAccountId}/disable', { params: { path: { org: await org(), serviceAccountId: id } } })),
    enable: async (id: string) =>
      guard(async () => raw.POST('/v1/orgs/{org}/service-accounts/{serviceAccountId}/enable', { params: { path: { org: await org(), serviceAccountId: id } } })),
    delete: async (id: string, ifMatch?: string) => {
      await guard(async () =>
        raw.DELETE('/v1/orgs/{org}/service-accounts/{serviceAccountId}', { params: { path: { org: await org(), serviceAccountId: id }, header: match(ifMatch) } }),
      );
    },
  };

  const keys = {
    list: async (query: { serviceAccountId?: string; label?: string; status?: Schemas['KeyStatus']; limit?: number; cursor?: string } = {}) => {
      const { serviceAccountId, ...rest } = query;
      return (await guard(async () => raw.GET('/v1/orgs/{org}/keys', { params: { path: { org: await org() }, query: { ...rest, service_account_id: serviceAccountId } } }))).data;
    },
    iterate: (query: { serviceAccountId?: string; label?: string; status?: Schemas['KeyStatus'] } = {}) =>
      pages((cursor) => keys.list({ ...query, cursor })),
    get: async (id: string) => guard(async () => raw.GET('/v1/orgs/{org}/keys/{keyId}', { params: { path: { org: await org(), keyId: id } } })),
    create: async (serviceAccountId: string, body: Schemas['ApiKeyCreate'], idempotencyKey?: string) =>
      (
        await guard(async () =>
          raw.POST('/v1/orgs/{org}/service-accounts/{serviceAccountId}/keys', {
            params: { path: { org: await org(), serviceAccountId }, header: idem(idempotencyKey) },
            body,
          }),
        )
      ).data,
    update: async (id: string, body: Schemas['ApiKeyUpdate'], ifMatch?: string) =>
      guard(async () => raw.PATCH('/v1/orgs/{org}/keys/{keyId}', { params: { path: { org: await org(), keyId: id }, header: match(ifMatch) }, body })),
    revoke: async (id: string, gracePeriod?: string) =>
      (
        await guard(async () =>
          raw.POST('/v1/orgs/{org}/keys/{keyId}/revoke', {
            params: { path: { org: await org(), keyId: id } },
            body: gracePeriod ? { grace_period: gracePeriod } : {},
          }),
        )
      ).data,
  };

  const roles = {
    list: async (query: { name?: string; limit?: number; cursor?: string } = {}) =>
      (await guard(async () => raw.GET('/v1/orgs/{org}/roles', { params: { path: { org: await org() }, query } }))).data,
    iterate: () => pages((cursor) => roles.list({ cursor })),
    get: async (name: string) => guard(async () => raw.GET('/v1/orgs/{org}/roles/{roleName}', { params: { path: { org: await org(), roleName: name } } })),
    create: async (body: Schemas['RoleCreate'], idempotencyKey?: string) =>
      guard(async () => raw.POST('/v1/orgs/{org}/roles', { params: { path: { org: await org() }, header: idem(idempotencyKey) }, body })),
    update: async (name: string, body: Schemas['RoleUpdate'], ifMatch?: string) =>
      guard(async () => raw.PATCH('/v1/orgs/{org}/roles/{roleName}', { params: { path: { org: await org(), roleName: name }, header: match(ifMatch) }, body })),
    delete: async (name: string) => {
      await guard(async () => raw.DELETE('/v1/orgs/{org}/roles/{roleName}', { params: { path: { org: await org(), roleName: name } } }));
    },
  };

  const assignments = {
    list: async (query: { serviceAccountId?: string; role?: string; limit?: number; cursor?: string } = {}) => {
      const { serviceAccountId, ...rest } = query;
      return (
        await guard(async () => raw.GET('/v1/orgs/{org}/role-assignments', { params: { path: { org: await org() }, query: { ...rest, service_account_id: serviceAccountId } } }))
      ).data;
    },
    iterate: (query: { serviceAccountId?: string; role?: string } = {}) => pages((cursor) => assignments.list({ ...query, cursor })),
    get: async (id: string) =>
      (await guard(async () => raw.GET('/v1/orgs/{org}/role-assignments/{assignmentId}', { params: { path: { org: await org(), assignmentId: id } } }))).data,
    grant: async (serviceAccountId: string, role: string, idempotencyKey?: string) =>
      (
        await guard(async () =>
          raw.POST('/v1/orgs/{org}/role-assignments', {
            params: { path: { org: await org() }, header: idem(idempotencyKey) },
            body: { service_account_id: serviceAccountId, role },
          }),
        )
      ).data,
    revoke: async (id: string) => {
      await guard(async () => raw.DELETE('/v1/orgs/{org}/role-assignments/{assignmentId}', { params: { path: { org: await org(), assignmentId: id } } }));
    },
  };

  const roleSets = {
    get: async (serviceAccountId: string) =>
      (await guard(async () => raw.GET('/v1/orgs/{org}/service-accounts/{serviceAccountId}/roles', { params: { path: { org: await org(), serviceAccountId } } }))).data,
    set: async (serviceAccountId: string, roleNames: string[]) =>
      (
        await guard(async () =>
          raw.PUT('/v1/orgs/{org}/service-accounts/{serviceAccountId}/roles', { params: { path: { org: await org(), serviceAccountId } }, body: { roles: roleNames } }),
        )
      ).data,
  };

  const audit = {
    list: async (query: { target_id?: string; principal_id?: string; action?: string; limit?: number; cursor?: string } = {}) =>
      (await guard(async () => raw.GET('/v1/orgs/{org}/audit-events', { params: { path: { org: await org() }, query } }))).data,
    iterate: (query: { target_id?: string; principal_id?: string; action?: string } = {}) => pages((cursor) => audit.list({ ...query, cursor })),
  };

  return {
    raw,
    organization: org,
    whoami: async () => (await guard(() => raw.GET('/v1/whoami'))).data,
    permissions: async () => (await guard(() => raw.GET('/v1/permissions'))).data.items,
    serviceAccounts,
    keys,
    roles,
    assignments,
    roleSets,
    audit,
  };
}

export type WardenClient = ReturnType<typeof createWardenClient>;
