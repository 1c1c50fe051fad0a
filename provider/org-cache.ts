// What one provider process remembers about the organization: bulk-refresh snapshots of
// service accounts, active keys, role assignments and roles (see snapshot.ts), and the
// role and permission catalogs that plan-time validation checks names against.
import { collect, type ApiKey, type Role, type RoleAssignment, type ServiceAccount, type WardenClient } from '../sdk/client.ts';
import { Snapshot, once, type SnapshotOptions } from './snapshot.ts';

/** The largest page the bulk lists serve. */
export const BULK_PAGE = 1000;

export interface OrgCache {
  serviceAccounts: Snapshot<ServiceAccount>;
  /** Active keys only: a revoked or expired key is confirmed (with its status) by one GET. */
  keys: Snapshot<ApiKey>;
  assignments: Snapshot<RoleAssignment>;
  roles: Snapshot<Role>;
  /** Names of every role (built-in and custom), fetched once per process. */
  roleNames(): Promise<Set<string>>;
  /** This process created a custom role: plan-time checks know it from now on. */
  addRoleName(name: string): void;
  /** The permission catalog, fetched once per process. */
  permissionNames(): Promise<Set<string>>;
}

/** undefined for a 404, the SDK's answer otherwise. */
async function orUndefined<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if ((error as { status?: number })?.status === 404) {
      return undefined;
    }
    throw error;
  }
}

export function createOrgCache(sdk: WardenClient, options: SnapshotOptions = {}): OrgCache {
  const created = new Set<string>();
  const roleCatalog = once(async () => new Set((await collect(sdk.roles.iterate({ limit: 200 }))).map((r) => r.name)));
  return {
    serviceAccounts: new Snapshot(
      {
        fetchAll: () => collect(sdk.serviceAccounts.iterate({ limit: BULK_PAGE })),
        fetchOne: async (id) => (await orUndefined(sdk.serviceAccounts.get(id)))?.data,
        idOf: (sa) => sa.id,
      },
      options,
    ),
    keys: new Snapshot(
      {
        fetchAll: () => collect(sdk.keys.iterate({ status: 'active', limit: BULK_PAGE })),
        fetchOne: async (id) => (await orUndefined(sdk.keys.get(id)))?.data,
        idOf: (key) => key.id,
      },
      options,
    ),
    assignments: new Snapshot(
      {
        fetchAll: () => collect(sdk.assignments.iterate({ limit: BULK_PAGE })),
        fetchOne: (id) => orUndefined(sdk.assignments.get(id)),
        idOf: (assignment) => assignment.id,
      },
      options,
    ),
    roles: new Snapshot(
      {
        fetchAll: () => collect(sdk.roles.iterate({ limit: 200 })),
        fetchOne: async (name) => (await orUndefined(sdk.roles.get(name)))?.data,
        idOf: (role) => role.name,
      },
      options,
    ),
    roleNames: async () => new Set([...(await roleCatalog()), ...created]),
    addRoleName: (name) => {
      created.add(name);
    },
    permissionNames: once(async () => new Set((await sdk.permissions()).map((p) => p.name))),
  };
}
