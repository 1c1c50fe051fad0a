// warden_whoami data source: the identity of the provider's own API key.
import type { WardenProviderClient } from '../client.ts';
import type { DataSourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';
import { computedString } from './attributes.ts';

const schema = {
  description: "The identity of the provider's own API key.",
  attributes: {
    principal_id: computedString('The principal id.'),
    principal_name: computedString('The principal name.'),
    principal_type: computedString('`service_account` or `user`.'),
    organization: computedString('The organization name.'),
    key_id: computedString('The key id.'),
    key_expires_at: computedString('When the key expires, or null.'),
    roles: { type: { list: 'string' }, computed: true, description: 'Roles held.' },
    permissions: { type: { list: 'string' }, computed: true, description: 'Effective permissions.' },
  },
} as const satisfies Schema;

export const whoamiDataSource: DataSourceDefinition<WardenProviderClient, typeof schema> = {
  schema,
  async read({ client }) {
    const me = await client.sdk.whoami();
    return {
      principal_id: me.principal.id,
      principal_name: me.principal.name,
      principal_type: me.principal.type,
      organization: me.organization.name,
      // A personal key is not described by whoami (it belongs to no service account).
      key_id: me.key?.id ?? null,
      key_expires_at: me.key?.expires_at ?? null,
      roles: me.roles,
      permissions: me.permissions,
    };
  },
};
