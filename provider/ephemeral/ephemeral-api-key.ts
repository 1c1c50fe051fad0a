// warden_ephemeral_api_key: a real API key issued when Terraform opens it and revoked at close,
// so a run gets a credential that outlives neither the run nor its ttl.
import type { WardenProviderClient } from '../client.ts';
import type { EphemeralDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';
import { duration } from '../validators.ts';

const schema = {
  description: 'A per-run API key: issued when Terraform opens it and revoked when the run ends.',
  attributes: {
    service_account_id: { type: 'string', required: true, description: 'The service account to issue the key for.' },
    label: { type: 'string', required: true, description: 'Where the key runs.' },
    ttl: { type: 'string', optional: true, validators: [duration()], description: 'Upper bound on the key life if the run dies before close (default 1h).' },
    id: { type: 'string', computed: true, description: 'The key id.' },
    token: { type: 'string', computed: true, sensitive: true, description: 'The token, valid until the run ends.' },
  },
} as const satisfies Schema;

export const ephemeralApiKey: EphemeralDefinition<WardenProviderClient, typeof schema> = {
  schema,
  async open({ client, config }) {
    const created = await client.sdk.keys.create(config.service_account_id, {
      label: config.label,
      description: 'Ephemeral key issued for one Terraform run.',
      ttl: typeof config.ttl === 'string' ? config.ttl : '1h',
    });
    return { result: { ...config, id: created.id, token: created.secret }, private: Buffer.from(created.id) };
  },
  async close({ client, private: saved }) {
    if (saved) {
      await client.sdk.keys.revoke(saved.toString('utf8'));
    }
  },
};
