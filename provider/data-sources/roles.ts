// warden_roles data source: built-in and custom roles with their permissions.
import { collect } from '../../sdk/client.ts';
import type { WardenProviderClient } from '../client.ts';
import type { DataSourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';

const schema = {
  description: 'Lists built-in and custom roles with their permissions.',
  attributes: {
    roles: {
      type: { list: { object: { name: 'string', description: 'string', builtin: 'bool', permissions: { list: 'string' } } } },
      computed: true,
      description: 'Every role.',
    },
  },
} as const satisfies Schema;

export const rolesDataSource: DataSourceDefinition<WardenProviderClient, typeof schema> = {
  schema,
  async read({ client }) {
    const all = await collect(client.sdk.roles.iterate());
    return { roles: all.map((r) => ({ name: r.name, description: r.description, builtin: r.builtin, permissions: r.permissions })) };
  },
};
