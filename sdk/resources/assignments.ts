// Role assignments, two ways: additive bindings (grant/revoke one role) and the
// authoritative role set of one service account (roleSets.get/set replace them all).
import { byIds, pages } from '../paging.ts';
import type { Query, ResourceContext } from './context.ts';

type ListQuery = Omit<Query<'listRoleAssignments'>, 'service_account_id'> & { serviceAccountId?: string };

export function assignmentsResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const resource = {
    list: async (query: ListQuery = {}) => {
      const { serviceAccountId, ...rest } = query;
      const params = { path: { org: await org() }, query: { ...rest, ...(serviceAccountId ? { service_account_id: serviceAccountId } : {}) } };
      return (await call(() => raw.GET('/v1/orgs/{org}/role-assignments', { params }))).data;
    },
    iterate: (query: Omit<ListQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
    /** The assignments with these ids that exist, in requests of up to 100 ids. */
    byIds: (ids: readonly string[]) => byIds(ids, (chunk) => resource.iterate({ ids: chunk.join(','), limit: chunk.length })),
    get: async (id: string) =>
      (await call(async () => raw.GET('/v1/orgs/{org}/role-assignments/{assignmentId}', { params: { path: { org: await org(), assignmentId: id } } }))).data,
    /** Adds one role; safe to retry (Idempotency-Key generated unless given). */
    grant: async (serviceAccountId: string, role: string, idempotencyKey?: string) =>
      (
        await call(async () =>
          raw.POST('/v1/orgs/{org}/role-assignments', {
            params: { path: { org: await org() }, header: ctx.idempotency(idempotencyKey) },
            body: { service_account_id: serviceAccountId, role },
          }),
        )
      ).data,
    revoke: async (id: string): Promise<void> => {
      await call(async () => raw.DELETE('/v1/orgs/{org}/role-assignments/{assignmentId}', { params: { path: { org: await org(), assignmentId: id } } }));
    },
  };
  return resource;
}

export function roleSetsResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const path = async (serviceAccountId: string) => ({ path: { org: await org(), serviceAccountId } });
  return {
    get: async (serviceAccountId: string) =>
      (await call(async () => raw.GET('/v1/orgs/{org}/service-accounts/{serviceAccountId}/roles', { params: await path(serviceAccountId) }))).data,
    /** Replaces the complete role set (PUT: idempotent, so retried freely). */
    set: async (serviceAccountId: string, roleNames: string[]) =>
      (
        await call(async () =>
          raw.PUT('/v1/orgs/{org}/service-accounts/{serviceAccountId}/roles', { params: await path(serviceAccountId), body: { roles: roleNames } }),
        )
      ).data,
  };
}
