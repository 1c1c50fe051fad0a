// Ephemeral resources: values that exist for one Terraform run and never reach state.
// warden_key_material makes a token locally for `warden_api_key.secret_wo`;
// warden_ephemeral_api_key issues a real key at open and revokes it at close.
import { generateToken } from '../../sdk/token.ts';
import type { WardenProviderClient } from '../client.ts';
import type { EphemeralDefinition } from '../framework/definitions.ts';
import type { Models } from '../framework/model.ts';
import type { Schema } from '../framework/schema.ts';
import { duration } from '../validators.ts';

const keyMaterialSchema = {
  description: 'Fresh key material in the `wdn_` format, generated locally, to feed `warden_api_key.secret_wo`.',
  attributes: { token: { type: 'string', computed: true, sensitive: true, description: 'The generated token.' } },
} as const satisfies Schema;

const keyMaterial: EphemeralDefinition<WardenProviderClient, typeof keyMaterialSchema> = {
  schema: keyMaterialSchema,
  async open() {
    return { result: { token: generateToken() } };
  },
};

const ephemeralKeySchema = {
  description: 'A per-run API key: issued when Terraform opens it and revoked when the run ends.',
  attributes: {
    service_account_id: { type: 'string', required: true, description: 'The service account to issue the key for.' },
    label: { type: 'string', required: true, description: 'Where the key runs.' },
    ttl: { type: 'string', optional: true, validators: [duration()], description: 'Upper bound on the key life if the run dies before close (default 1h).' },
    id: { type: 'string', computed: true, description: 'The key id.' },
    token: { type: 'string', computed: true, sensitive: true, description: 'The token, valid until the run ends.' },
  },
} as const satisfies Schema;

const ephemeralKey: EphemeralDefinition<WardenProviderClient, typeof ephemeralKeySchema> = {
  schema: ephemeralKeySchema,
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

export const ephemeralResources: Record<string, EphemeralDefinition<WardenProviderClient, Schema, Models>> = {
  warden_key_material: keyMaterial,
  warden_ephemeral_api_key: ephemeralKey,
};
