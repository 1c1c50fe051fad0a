// API keys: list/iterate (metadata only), get, create (the only answer holding the
// secret), update the description (If-Match), revoke now or after a grace period.
import { WardenApiError } from '../errors.ts';
import { weakKeyMaterialProblem } from '../key-material.ts';
import { byIds, pages } from '../paging.ts';
import type { Query, ResourceContext, Schemas } from './context.ts';

type ListQuery = Omit<Query<'listApiKeys'>, 'service_account_id'> & { serviceAccountId?: string };

export function keysResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const keyPath = async (keyId: string) => ({ path: { org: await org(), keyId } });

  const resource = {
    list: async (query: ListQuery = {}) => {
      const { serviceAccountId, ...rest } = query;
      const params = { path: { org: await org() }, query: { ...rest, ...(serviceAccountId ? { service_account_id: serviceAccountId } : {}) } };
      return (await call(() => raw.GET('/v1/orgs/{org}/keys', { params }))).data;
    },
    iterate: (query: Omit<ListQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
    /** The keys with these ids that exist (any status), in requests of up to 100 ids. */
    byIds: (ids: readonly string[]) => byIds(ids, (chunk) => resource.iterate({ ids: chunk.join(','), limit: chunk.length })),
    get: async (id: string) => call(async () => raw.GET('/v1/orgs/{org}/keys/{keyId}', { params: await keyPath(id) })),
    /**
     * Issues a key; `secret` is in this answer only. Safe to retry: an Idempotency-Key
     * is generated unless one is given (a replay returns the same key, not a second one).
     */
    create: async (serviceAccountId: string, body: Schemas['ApiKeyCreate'], idempotencyKey?: string) => {
      // The server's rule, applied before the material leaves this process.
      const weak = body.token === undefined ? undefined : weakKeyMaterialProblem(body.token);
      if (weak) {
        throw new WardenApiError({
          status: 0,
          code: 'weak_key_material',
          detail: `token is not random enough to be a key: ${weak}.`,
          fieldErrors: [{ field: 'body.token', message: weak }],
        });
      }
      return (
        await call(async () =>
          raw.POST('/v1/orgs/{org}/service-accounts/{serviceAccountId}/keys', {
            params: { path: { org: await org(), serviceAccountId }, header: ctx.idempotency(idempotencyKey) },
            body,
          }),
        )
      ).data;
    },
    update: async (id: string, body: Schemas['ApiKeyUpdate'], ifMatch?: string) =>
      call(async () => raw.PATCH('/v1/orgs/{org}/keys/{keyId}', { params: { ...(await keyPath(id)), header: ctx.ifMatch(ifMatch) }, body })),
    /** Revokes now, or keeps the key working for `gracePeriod` (e.g. "1h") first. */
    revoke: async (id: string, gracePeriod?: string) =>
      (
        await call(async () =>
          raw.POST('/v1/orgs/{org}/keys/{keyId}/revoke', { params: await keyPath(id), body: gracePeriod ? { grace_period: gracePeriod } : {} }),
        )
      ).data,
  };
  return resource;
}
