// warden_service_account data source: one service account by id or name, with its roles.
import type { WardenProviderClient } from '../client.ts';
import { DiagnosticError } from '../framework/diagnostics.ts';
import type { DataSourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';
import { computedString } from './attributes.ts';

const schema = {
  description: 'Looks up one service account by `id` or `name`.',
  attributes: {
    id: { type: 'string', optional: true, computed: true, description: 'The service account id; give this or `name`.' },
    name: { type: 'string', optional: true, computed: true, description: 'The service account name; give this or `id`.' },
    description: computedString('What the account is for.'),
    disabled: { type: 'bool', computed: true, description: 'Whether the account is disabled.' },
    created_at: computedString('When the account was created.'),
    roles: { type: { list: 'string' }, computed: true, description: 'Roles the account holds.' },
  },
} as const satisfies Schema;

export const serviceAccountDataSource: DataSourceDefinition<WardenProviderClient, typeof schema> = {
  schema,
  validateConfig({ config, diagnostics }) {
    if ((config.id === null) === (config.name === null)) {
      diagnostics.error('Give exactly one of id or name', 'Set `id` (sa_…) or `name` to choose the service account.', ['name']);
    }
  },
  async read({ client, config }) {
    const sa =
      typeof config.id === 'string' ? (await client.sdk.serviceAccounts.get(config.id)).data : await client.sdk.serviceAccounts.findByName(config.name ?? '');
    if (!sa) {
      throw new DiagnosticError('Service account not found', `No service account named "${String(config.name)}" in ${client.organization}.`, ['name']);
    }
    return {
      id: sa.id,
      name: sa.name,
      description: sa.description,
      disabled: sa.disabled,
      created_at: sa.created_at,
      roles: (await client.sdk.roleSets.get(sa.id)).roles,
    };
  },
};
