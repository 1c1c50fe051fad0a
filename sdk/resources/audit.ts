// The audit trail, newest first: list one page or iterate through all of them.
import { pages } from '../paging.ts';
import type { Query, ResourceContext } from './context.ts';

type ListQuery = Query<'listAuditEvents'>;

export function auditResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const resource = {
    list: async (query: ListQuery = {}) =>
      (await call(async () => raw.GET('/v1/orgs/{org}/audit-events', { params: { path: { org: await org() }, query } }))).data,
    iterate: (query: Omit<ListQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
  };
  return resource;
}
