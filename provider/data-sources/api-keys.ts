// warden_api_keys data source: API key metadata (expiry, last use), never secrets.
import { collect } from '../../sdk/client.ts';
import type { WardenProviderClient } from '../client.ts';
import type { DataSourceDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';

const keyObject = {
  object: {
    id: 'string',
    service_account_id: 'string',
    label: 'string',
    description: 'string',
    prefix: 'string',
    status: 'string',
    created_at: 'string',
    expires_at: 'string',
    revoked_at: 'string',
    last_used_at: 'string',
  },
} as const;

const schema = {
  description: 'Lists API key metadata — expiry and last use, never secrets.',
  attributes: {
    service_account_id: { type: 'string', optional: true, description: 'Only keys of this service account.' },
    status: { type: 'string', optional: true, description: 'Only keys in this state: active, expired or revoked.' },
    keys: { type: { list: keyObject }, computed: true, description: 'The matching keys, newest first.' },
  },
} as const satisfies Schema;

export const apiKeysDataSource: DataSourceDefinition<WardenProviderClient, typeof schema> = {
  schema,
  async read({ client, config }) {
    const status = typeof config.status === 'string' ? (config.status as 'active' | 'expired' | 'revoked') : undefined;
    const serviceAccountId = typeof config.service_account_id === 'string' ? config.service_account_id : undefined;
    const keys = await collect(client.sdk.keys.iterate({ serviceAccountId, status }));
    return {
      service_account_id: config.service_account_id ?? null,
      status: config.status ?? null,
      keys: keys.map((k) => ({
        id: k.id,
        service_account_id: k.service_account_id,
        label: k.label,
        description: k.description,
        prefix: k.prefix,
        status: k.status,
        created_at: k.created_at,
        expires_at: k.expires_at,
        revoked_at: k.revoked_at,
        last_used_at: k.last_used_at,
      })),
    };
  },
};
