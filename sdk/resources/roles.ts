// Roles: built-in ones (read-only) and custom ones, identified by name; the permission
// catalog they are built from.
import { pages } from '../paging.ts';
import type { Query, ResourceContext, Schemas } from './context.ts';

type ListQuery = Query<'listRoles'>;

export function rolesResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const rolePath = async (roleName: string) => ({ path: { org: await org(), roleName } });

  const resource = {
    list: async (query: ListQuery = {}) => (await call(async () => raw.GET('/v1/orgs/{org}/roles', { params: { path: { org: await org() }, query } }))).data,
    iterate: (query: Omit<ListQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
    get: async (name: string) => call(async () => raw.GET('/v1/orgs/{org}/roles/{roleName}', { params: await rolePath(name) })),
    create: async (body: Schemas['RoleCreate'], idempotencyKey?: string) =>
      call(async () => raw.POST('/v1/orgs/{org}/roles', { params: { path: { org: await org() }, header: ctx.idempotency(idempotencyKey) }, body })),
    update: async (name: string, body: Schemas['RoleUpdate'], ifMatch?: string) =>
      call(async () => raw.PATCH('/v1/orgs/{org}/roles/{roleName}', { params: { ...(await rolePath(name)), header: ctx.ifMatch(ifMatch) }, body })),
    /** Refused with 409 role_in_use while anyone holds the role. */
    delete: async (name: string, ifMatch?: string): Promise<void> => {
      await call(async () => raw.DELETE('/v1/orgs/{org}/roles/{roleName}', { params: { ...(await rolePath(name)), header: ctx.ifMatch(ifMatch) } }));
    },
  };
  return resource;
}
