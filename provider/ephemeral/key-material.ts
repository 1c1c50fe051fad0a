// warden_key_material: a token in the `wdn_` format made locally, for `warden_api_key.secret_wo`;
// it exists for one Terraform run and never reaches state.
import { generateToken } from '../../sdk/token.ts';
import type { WardenProviderClient } from '../client.ts';
import type { EphemeralDefinition } from '../framework/definitions.ts';
import type { Schema } from '../framework/schema.ts';

const schema = {
  description: 'Fresh key material in the `wdn_` format, generated locally, to feed `warden_api_key.secret_wo`.',
  attributes: { token: { type: 'string', computed: true, sensitive: true, description: 'The generated token.' } },
} as const satisfies Schema;

export const keyMaterial: EphemeralDefinition<WardenProviderClient, typeof schema> = {
  schema,
  async open() {
    return { result: { token: generateToken() } };
  },
};
