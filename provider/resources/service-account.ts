// warden_service_account: a machine principal; name forces replacement, description and
// disabled change in place, deletion_protection refuses destroy.
import type { ServiceAccount } from '../../sdk/client.ts';
import { unlessGone, type WardenProviderClient } from '../client.ts';
import { DiagnosticError } from '../framework/diagnostics.ts';
import type { ResourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';
import { stored, type StateOf } from '../framework/model.ts';
import { SLUG } from '../validators.ts';
import { SERVICE_ACCOUNT_ID_PATTERN } from '../../sdk/rules.ts';

const SA_ID = SERVICE_ACCOUNT_ID_PATTERN;

const schema = {
  description: 'A Warden service account: a machine principal that holds roles and API keys. It never logs in; it only holds keys.',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'The service account id (`sa_…`).' },
    name: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [SLUG],
      description: 'Unique name in the organization, a lowercase slug such as `ci-github-actions`. Changing it creates a new account.',
    },
    description: { type: 'string', optional: true, computed: true, default: '', description: 'What the account is for.' },
    disabled: {
      type: 'bool',
      optional: true,
      computed: true,
      default: false,
      description: 'When true every key of the account stops working at once; set back to false to restore them.',
    },
    deletion_protection: {
      type: 'bool',
      optional: true,
      computed: true,
      default: false,
      description: 'When true, destroying the account fails and changes nothing. Set to false first to delete it.',
    },
    created_at: { type: 'string', computed: true, useStateForUnknown: true, description: 'When the account was created (RFC 3339).' },
  },
} as const satisfies Schema;

function toState(sa: ServiceAccount, protection: boolean): StateOf<typeof schema> {
  return { id: sa.id, name: sa.name, description: sa.description, disabled: sa.disabled, deletion_protection: protection, created_at: sa.created_at };
}

export const serviceAccount: ResourceDefinition<WardenProviderClient, typeof schema> = {
  schema,

  async importState({ client, id }) {
    const sa = SA_ID.test(id) ? (await client.sdk.serviceAccounts.get(id)).data : await client.sdk.serviceAccounts.findByName(id);
    if (!sa) {
      throw new DiagnosticError('Service account not found', `No service account with id or name "${id}" exists in organization ${client.organization}.`);
    }
    return toState(sa, false);
  },

  async create({ client, planned }) {
    const { data } = await client.sdk.serviceAccounts.create({
      name: planned.name,
      description: planned.description,
      disabled: planned.disabled,
    });
    client.cache.serviceAccounts.markChanged(data.id);
    return toState(data, planned.deletion_protection);
  },

  async read({ client, state }) {
    const sa = await client.cache.serviceAccounts.get(stored(state, 'id'));
    return sa ? toState(sa, Boolean(state.deletion_protection)) : null;
  },

  async update({ client, prior, planned }) {
    const id = stored(prior, 'id');
    client.cache.serviceAccounts.markChanged(id);
    let current = (await client.sdk.serviceAccounts.get(id)).data;
    if (current.description !== planned.description || current.disabled !== planned.disabled) {
      current = (await client.sdk.serviceAccounts.update(current.id, { description: planned.description, disabled: planned.disabled }, `"${current.version}"`))
        .data;
    }
    return toState(current, planned.deletion_protection);
  },

  async delete({ client, prior }) {
    if (prior.deletion_protection) {
      throw new DiagnosticError(
        'Deletion protection is on',
        `Service account "${prior.name}" has deletion_protection = true. Set it to false and apply before destroying it.`,
        ['deletion_protection'],
      );
    }
    const id = stored(prior, 'id');
    client.cache.serviceAccounts.markChanged(id);
    await unlessGone(client.sdk.serviceAccounts.delete(id));
  },
};
