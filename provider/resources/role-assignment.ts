// warden_role_assignment: one additive service account ↔ role binding. Both sides force
// replacement; an unknown role is reported at plan time on `role`.
import type { RoleAssignment } from '../../sdk/client.ts';
import { unlessGone, type WardenProviderClient } from '../client.ts';
import { DiagnosticError } from '../framework/diagnostics.ts';
import type { ResourceDefinition } from '../framework/definitions.ts';
import { stored, type StateOf } from '../framework/model.ts';
import type { Schema } from '../framework/schema.ts';
import { matches } from '../framework/validators.ts';
import { checkRolesExist } from '../role-names.ts';
import { SERVICE_ACCOUNT_ID_PATTERN } from '../../sdk/rules.ts';

const schema = {
  description:
    'Grants one role to one service account. Additive: other roles of the account are left alone. Do not combine with `warden_service_account_roles` on the same account.',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'The assignment id (`ra_…`).' },
    service_account_id: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [matches(SERVICE_ACCOUNT_ID_PATTERN, 'expected a service account id such as sa_…')],
      description: 'The service account that receives the role.',
    },
    role: {
      type: 'string',
      required: true,
      requiresReplace: true,
      description: 'A built-in role (admin, member, snapshotter, reader) or a custom role name.',
    },
  },
} as const satisfies Schema;

const toState = (a: RoleAssignment): StateOf<typeof schema> => ({ id: a.id, service_account_id: a.service_account_id, role: a.role });

export const roleAssignment: ResourceDefinition<WardenProviderClient, typeof schema> = {
  schema,

  async modifyPlan({ client, planned, diagnostics }) {
    await checkRolesExist(client, [planned.role], diagnostics, () => ['role']);
  },

  async importState({ client, id }) {
    if (id.startsWith('ra_')) {
      return toState(await client.sdk.assignments.get(id));
    }
    const [accountId, roleName] = id.split('/');
    const found = accountId && roleName ? (await client.sdk.assignments.list({ serviceAccountId: accountId, role: roleName })).items[0] : undefined;
    if (!found) {
      throw new DiagnosticError('Role assignment not found', `Import with the assignment id (ra_…) or "<service_account_id>/<role>"; nothing matched "${id}".`);
    }
    return toState(found);
  },

  async create({ client, planned }) {
    const granted = await client.sdk.assignments.grant(planned.service_account_id, planned.role);
    client.cache.assignments.markChanged(granted.id);
    return toState(granted);
  },

  async read({ client, state }) {
    const found = await client.cache.assignments.get(stored(state, 'id'));
    return found ? toState(found) : null;
  },

  async update({ prior }) {
    return prior;
  },

  async delete({ client, prior }) {
    const id = stored(prior, 'id');
    client.cache.assignments.markChanged(id);
    await unlessGone(client.sdk.assignments.revoke(id));
  },
};
