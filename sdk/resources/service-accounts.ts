// Service accounts: list/iterate/find, get (with ETag), create (idempotent), update
// (If-Match), disable/enable, delete.
import { pages } from '../paging.ts';
import type { Query, ResourceContext, Schemas } from './context.ts';

type ListQuery = Query<'listServiceAccounts'>;

export function serviceAccountsResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const path = async (serviceAccountId: string) => ({ path: { org: await org(), serviceAccountId } });

  const resource = {
    /** One page; prefer iterate() to walk them all. */
    list: async (query: ListQuery = {}) =>
      (await call(async () => raw.GET('/v1/orgs/{org}/service-accounts', { params: { path: { org: await org() }, query } }))).data,
    /** Every service account (optionally only the one with `name`), page by page. */
    iterate: (query: Omit<ListQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
    /** The account with exactly this name, or undefined. */
    findByName: async (name: string): Promise<Schemas['ServiceAccount'] | undefined> => (await resource.list({ name })).items[0],
    get: async (id: string) => call(async () => raw.GET('/v1/orgs/{org}/service-accounts/{serviceAccountId}', { params: await path(id) })),
    /** Safe to retry: an Idempotency-Key is generated unless one is given. */
    create: async (body: Schemas['ServiceAccountCreate'], idempotencyKey?: string) =>
      call(async () => raw.POST('/v1/orgs/{org}/service-accounts', { params: { path: { org: await org() }, header: ctx.idempotency(idempotencyKey) }, body })),
    update: async (id: string, body: Schemas['ServiceAccountUpdate'], ifMatch?: string) =>
      call(async () =>
        raw.PATCH('/v1/orgs/{org}/service-accounts/{serviceAccountId}', { params: { ...(await path(id)), header: ctx.ifMatch(ifMatch) }, body }),
      ),
    /** Stops every key of the account at once; reversible with enable(). */
    disable: async (id: string) => call(async () => raw.POST('/v1/orgs/{org}/service-accounts/{serviceAccountId}/disable', { params: await path(id) })),
    enable: async (id: string) => call(async () => raw.POST('/v1/orgs/{org}/service-accounts/{serviceAccountId}/enable', { params: await path(id) })),
    /** Permanent: revokes every key and removes every role assignment. */
    delete: async (id: string, ifMatch?: string): Promise<void> => {
      await call(async () =>
        raw.DELETE('/v1/orgs/{org}/service-accounts/{serviceAccountId}', { params: { ...(await path(id)), header: ctx.ifMatch(ifMatch) } }),
      );
    },
  };
  return resource;
}
