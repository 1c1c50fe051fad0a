// The last-admin invariant: no change may leave an organization without an enabled
// principal that holds `admin` and has an active key, because then no one could manage
// it (only `warden recover` on the storage could). Checked inside the same transaction
// as the write, after it, so concurrent changes cannot each remove "the other" admin.
import { problem } from './errors.ts';
import type { Repositories } from './storage/types.ts';

/**
 * Runs `change` (a write on `targetId` or its keys) and refuses it with 409 `last_admin`
 * when it took the organization from at least one usable admin to none. Targets that do
 * not hold `admin` cannot lower the count, so their changes run unguarded.
 */
export async function guardLastAdmin<T>(
  tx: Repositories,
  org: { id: string; name: string },
  targetId: string,
  nowIso: string,
  change: () => Promise<T>,
): Promise<T> {
  if (!(await tx.assignments.rolesOf(targetId)).includes('admin')) {
    return change();
  }
  await tx.orgs.lock(org.id);
  const before = await tx.principals.countUsableAdmins(org.id, nowIso);
  const result = await change();
  const after = await tx.principals.countUsableAdmins(org.id, nowIso);
  if (before > 0 && after === 0) {
    throw problem(
      409,
      'last_admin',
      `This would leave "${org.name}" without an enabled admin that has an active key, and no one could manage it. ` +
        'Grant admin to another service account and issue it a key first, then retry.',
    );
  }
  return result;
}
