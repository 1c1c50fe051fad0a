// Data sources: look up what exists — one or many service accounts, roles, key metadata
// (with expiry and last use) and the identity of the provider's own key. One per file.
import type { WardenProviderClient } from '../client.ts';
import type { DataSourceDefinition } from '../framework/definitions.ts';
import type { Models } from '../framework/model.ts';
import type { Schema } from '../framework/schema.ts';
import { apiKeysDataSource } from './api-keys.ts';
import { rolesDataSource } from './roles.ts';
import { serviceAccountDataSource } from './service-account.ts';
import { serviceAccountsDataSource } from './service-accounts.ts';
import { whoamiDataSource } from './whoami.ts';

export const dataSources: Record<string, DataSourceDefinition<WardenProviderClient, Schema, Models>> = {
  warden_service_account: serviceAccountDataSource,
  warden_service_accounts: serviceAccountsDataSource,
  warden_roles: rolesDataSource,
  warden_api_keys: apiKeysDataSource,
  warden_whoami: whoamiDataSource,
};
