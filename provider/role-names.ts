// Plan-time check that roles exist, so a typo fails at plan on the right attribute
// instead of halfway through an apply. The role catalog is fetched once per provider
// process, so planning N assignments costs one request, not N. Not a resource itself: the
// role resources (role-assignment, service-account-roles) share it.
import type { WardenProviderClient } from './client.ts';
import type { Diagnostics, PathStep } from './framework/diagnostics.ts';
import { isString, type TfValue } from './framework/values.ts';

export async function checkRolesExist(
  client: WardenProviderClient,
  roles: readonly TfValue[],
  diagnostics: Diagnostics,
  pathOf: (index: number) => PathStep[],
): Promise<void> {
  // Unknown (or null) names are checked once they are known.
  if (!roles.every(isString)) {
    return;
  }
  const serverRoleNames = await client.cache.roleNames();
  roles.forEach((r, index) => {
    if (!serverRoleNames.has(r)) {
      diagnostics.error(
        'Unknown role',
        `"${r}" is neither a built-in role nor a custom role of ${client.organization}. Known roles: ${[...serverRoleNames].join(', ')}.`,
        pathOf(index),
      );
    }
  });
}
