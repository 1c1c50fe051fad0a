// warden_service_accounts data source: the organization's service accounts, optionally by name prefix.
import { collect } from '../../sdk/client.ts';
import type { WardenProviderClient } from '../client.ts';
import type { DataSourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';

const accountObject = { object: { id: 'string', name: 'string', description: 'string', disabled: 'bool', created_at: 'string' } } as const;

const schema = {
  description: 'Lists the service accounts of the organization, optionally by name prefix.',
  attributes: {
    name_prefix: { type: 'string', optional: true, description: 'Only accounts whose name starts with this.' },
    service_accounts: { type: { list: accountObject }, computed: true, description: 'The matching service accounts.' },
  },
} as const satisfies Schema;

export const serviceAccountsDataSource: DataSourceDefinition<WardenProviderClient, typeof schema> = {
  schema,
  async read({ client, config }) {
    const prefix = typeof config.name_prefix === 'string' ? config.name_prefix : '';
    const all = await collect(client.sdk.serviceAccounts.iterate());
    return {
      name_prefix: config.name_prefix ?? null,
      service_accounts: all
        .filter((sa) => sa.name.startsWith(prefix))
        .map((sa) => ({ id: sa.id, name: sa.name, description: sa.description, disabled: sa.disabled, created_at: sa.created_at })),
    };
  },
};
