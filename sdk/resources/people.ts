// People: members of the organization (users), invitations, and the calling user's own
// view (`/v1/me`) with personal API keys.
import { pages } from '../paging.ts';
import type { Query, ResourceContext, Schemas } from './context.ts';

type ListUsersQuery = Query<'listUsers'>;
type ListInvitationsQuery = Query<'listInvitations'>;
type ListMyKeysQuery = Query<'listMyKeys'>;

export function usersResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const userPath = async (userId: string) => ({ path: { org: await org(), userId } });
  const resource = {
    list: async (query: ListUsersQuery = {}) =>
      (await call(async () => raw.GET('/v1/orgs/{org}/users', { params: { path: { org: await org() }, query } }))).data,
    iterate: (query: Omit<ListUsersQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
    /** The member with this email, or undefined. */
    findByEmail: async (email: string) => (await resource.list({ email })).items[0],
    get: async (userId: string) => (await call(async () => raw.GET('/v1/orgs/{org}/users/{userId}', { params: await userPath(userId) }))).data,
    setRoles: async (userId: string, roles: string[]) =>
      (await call(async () => raw.PUT('/v1/orgs/{org}/users/{userId}/roles', { params: await userPath(userId), body: { roles } }))).data,
    /** Removes the membership; the last shared one also revokes the user's personal keys. */
    remove: async (userId: string): Promise<void> => {
      await call(async () => raw.DELETE('/v1/orgs/{org}/users/{userId}', { params: await userPath(userId) }));
    },
  };
  return resource;
}

export function invitationsResource(ctx: ResourceContext) {
  const { raw, org, call } = ctx;
  const resource = {
    /** The answer's `invitation_url` holds the one-time token; it is shown only here. */
    create: async (body: Schemas['InvitationCreate']) =>
      (await call(async () => raw.POST('/v1/orgs/{org}/invitations', { params: { path: { org: await org() } }, body }))).data,
    list: async (query: ListInvitationsQuery = {}) =>
      (await call(async () => raw.GET('/v1/orgs/{org}/invitations', { params: { path: { org: await org() }, query } }))).data,
    iterate: (query: Omit<ListInvitationsQuery, 'cursor'> = {}) => pages((cursor) => resource.list({ ...query, cursor })),
    revoke: async (invitationId: string): Promise<void> => {
      await call(async () => raw.DELETE('/v1/orgs/{org}/invitations/{invitationId}', { params: { path: { org: await org(), invitationId } } }));
    },
  };
  return resource;
}

export function meResource(ctx: ResourceContext) {
  const { raw, call } = ctx;
  const keys = {
    list: async (query: ListMyKeysQuery = {}) => (await call(async () => raw.GET('/v1/me/keys', { params: { query } }))).data,
    iterate: (query: Omit<ListMyKeysQuery, 'cursor'> = {}) => pages((cursor) => keys.list({ ...query, cursor })),
    /** The answer's `secret` is shown only here. At most 5 active personal keys. */
    create: async (body: Schemas['PersonalKeyCreate']) => (await call(async () => raw.POST('/v1/me/keys', { body }))).data,
    revoke: async (keyId: string) => (await call(async () => raw.POST('/v1/me/keys/{keyId}/revoke', { params: { path: { keyId } } }))).data,
  };
  return {
    /** The calling user and their memberships (a personal key or a session; 403 for a service account). */
    get: async () => (await call(async () => raw.GET('/v1/me'))).data,
    /** Ends the user's other browser sessions. */
    changePassword: async (body: Schemas['PasswordChange']): Promise<void> => {
      await call(async () => raw.POST('/v1/me/password', { body }));
    },
    keys,
  };
}
