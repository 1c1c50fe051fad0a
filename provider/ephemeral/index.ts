// Ephemeral resources: values that exist for one Terraform run and never reach state.
// warden_key_material makes a token locally for `warden_api_key.secret_wo`;
// warden_ephemeral_api_key issues a real key at open and revokes it at close. One per file.
import type { WardenProviderClient } from '../client.ts';
import type { EphemeralDefinition } from '../framework/definitions.ts';
import type { Models } from '../framework/model.ts';
import type { Schema } from '../framework/schema.ts';
import { ephemeralApiKey } from './ephemeral-api-key.ts';
import { keyMaterial } from './key-material.ts';

export const ephemeralResources: Record<string, EphemeralDefinition<WardenProviderClient, Schema, Models>> = {
  warden_key_material: keyMaterial,
  warden_ephemeral_api_key: ephemeralApiKey,
};
