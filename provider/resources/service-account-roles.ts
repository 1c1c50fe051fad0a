// warden_service_account_roles: the complete role set of one account (authoritative).
// Roles missing from the set are removed on apply.
import { isNotFound, unlessGone, type WardenProviderClient } from '../client.ts';
import type { ResourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';
import { matches } from '../framework/validators.ts';
import { checkRolesExist } from '../role-names.ts';
import { SERVICE_ACCOUNT_ID_PATTERN } from '../../sdk/rules.ts';

const schema = {
  description: 'The complete set of roles of one service account. Authoritative: roles not listed are removed.',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'The service account id.' },
    service_account_id: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [matches(SERVICE_ACCOUNT_ID_PATTERN, 'expected a service account id such as sa_…')],
      description: 'The service account whose roles this declares.',
    },
    roles: { type: { set: 'string' }, required: true, description: 'Every role the account holds, e.g. `["member"]`.' },
  },
} as const satisfies Schema;

export const serviceAccountRoles: ResourceDefinition<WardenProviderClient, typeof schema> = {
  schema,

  async modifyPlan({ client, planned, diagnostics }) {
    if (Array.isArray(planned.roles)) {
      await checkRolesExist(client, planned.roles, diagnostics, () => ['roles']);
    }
  },

  async importState({ client, id }) {
    return { id, service_account_id: id, roles: (await client.sdk.roleSets.get(id)).roles };
  },

  async create({ client, planned }) {
    const id = planned.service_account_id;
    return { id, service_account_id: id, roles: (await client.sdk.roleSets.set(id, planned.roles)).roles };
  },

  async read({ client, state }) {
    try {
      return { ...state, roles: (await client.sdk.roleSets.get(state.service_account_id)).roles };
    } catch (error) {
      if (isNotFound(error)) {
        return null;
      }
      throw error;
    }
  },

  async update({ client, prior, planned }) {
    return { ...prior, roles: (await client.sdk.roleSets.set(prior.service_account_id, planned.roles)).roles };
  },

  async delete({ client, prior }) {
    await unlessGone(client.sdk.roleSets.set(prior.service_account_id, []));
  },
};
