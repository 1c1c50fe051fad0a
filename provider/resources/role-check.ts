// Plan-time check that roles exist, so a typo fails at plan on the right attribute
// instead of halfway through an apply. The role catalog is fetched once per provider
// process, so planning N assignments costs one request, not N.
import type { WardenProviderClient } from '../client.ts';
import type { Diagnostics, PathStep } from '../framework/diagnostics.ts';
import { isUnknown, type TfValue } from '../framework/values.ts';

export async function checkRolesExist(
  client: WardenProviderClient,
  roles: TfValue[],
  diagnostics: Diagnostics,
  pathOf: (index: number) => PathStep[],
): Promise<void> {
  if (roles.some((r) => typeof r !== 'string' || isUnknown(r))) {
    return;
  }
  const known = await client.cache.roleNames();
  roles.forEach((r, index) => {
    if (!known.has(r as string)) {
      diagnostics.error(
        'Unknown role',
        `"${String(r)}" is neither a built-in role nor a custom role of ${client.organization}. Known roles: ${[...known].join(', ')}.`,
        pathOf(index),
      );
    }
  });
}
