// Data sources: look up what exists — one or many service accounts, roles, key metadata
// (with expiry and last use) and the identity of the provider's own key.
import { collect } from '../../sdk/client.ts';
import type { WardenProviderClient } from '../client.ts';
import { DiagnosticError } from '../framework/diagnostics.ts';
import type { DataSourceDefinition, State } from '../framework/definitions.ts';
import type { TfType } from '../framework/values.ts';

type Def = DataSourceDefinition<WardenProviderClient>;
const computedString = (description: string) => ({ type: 'string' as const, computed: true, description });


const accountObject: TfType = { object: { id: 'string', name: 'string', description: 'string', disabled: 'bool', created_at: 'string' } };
const keyObject: TfType = {
  object: { id: 'string', service_account_id: 'string', label: 'string', description: 'string', prefix: 'string', status: 'string', created_at: 'string', expires_at: 'string', revoked_at: 'string', last_used_at: 'string' },
};

const serviceAccount: Def = {
  schema: {
    description: 'Looks up one service account by `id` or `name`.',
    attributes: {
      id: { type: 'string', optional: true, computed: true, description: 'The service account id; give this or `name`.' },
      name: { type: 'string', optional: true, computed: true, description: 'The service account name; give this or `id`.' },
      description: computedString('What the account is for.'),
      disabled: { type: 'bool', computed: true, description: 'Whether the account is disabled.' },
      created_at: computedString('When the account was created.'),
      roles: { type: { list: 'string' }, computed: true, description: 'Roles the account holds.' },
    },
  },
  validateConfig({ config, diagnostics }) {
    if ((config.id === null) === (config.name === null)) {
      diagnostics.error('Give exactly one of id or name', 'Set `id` (sa_…) or `name` to choose the service account.', ['name']);
    }
  },
  async read({ client, config }) {
    const sa = typeof config.id === 'string' ? (await client.sdk.serviceAccounts.get(config.id)).data : await client.sdk.serviceAccounts.findByName(config.name as string);
    if (!sa) {
      throw new DiagnosticError('Service account not found', `No service account named "${String(config.name)}" in ${client.organization}.`, ['name']);
    }
    return { id: sa.id, name: sa.name, description: sa.description, disabled: sa.disabled, created_at: sa.created_at, roles: (await client.sdk.roleSets.get(sa.id)).roles };
  },
};

const serviceAccounts: Def = {
  schema: {
    description: 'Lists the service accounts of the organization, optionally by name prefix.',
    attributes: {
      name_prefix: { type: 'string', optional: true, description: 'Only accounts whose name starts with this.' },
      service_accounts: { type: { list: accountObject }, computed: true, description: 'The matching service accounts.' },
    },
  },
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

const roles: Def = {
  schema: {
    description: 'Lists built-in and custom roles with their permissions.',
    attributes: {
      roles: { type: { list: { object: { name: 'string', description: 'string', builtin: 'bool', permissions: { list: 'string' } } } }, computed: true, description: 'Every role.' },
    },
  },
  async read({ client }) {
    const all = await collect(client.sdk.roles.iterate());
    return { roles: all.map((r) => ({ name: r.name, description: r.description, builtin: r.builtin, permissions: r.permissions })) };
  },
};

const apiKeys: Def = {
  schema: {
    description: 'Lists API key metadata — expiry and last use, never secrets.',
    attributes: {
      service_account_id: { type: 'string', optional: true, description: 'Only keys of this service account.' },
      status: { type: 'string', optional: true, description: 'Only keys in this state: active, expired or revoked.' },
      keys: { type: { list: keyObject }, computed: true, description: 'The matching keys, newest first.' },
    },
  },
  async read({ client, config }) {
    const status = typeof config.status === 'string' ? (config.status as 'active' | 'expired' | 'revoked') : undefined;
    const serviceAccountId = typeof config.service_account_id === 'string' ? config.service_account_id : undefined;
    const keys = await collect(client.sdk.keys.iterate({ serviceAccountId, status }));
    return {
      service_account_id: config.service_account_id ?? null,
      status: config.status ?? null,
      keys: keys.map((k) => ({ id: k.id, service_account_id: k.service_account_id, label: k.label, description: k.description, prefix: k.prefix, status: k.status, created_at: k.created_at, expires_at: k.expires_at, revoked_at: k.revoked_at, last_used_at: k.last_used_at })),
    };
  },
};

const whoami: Def = {
  schema: {
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
  },
  async read({ client }): Promise<State> {
    const me = await client.sdk.whoami();
    return {
      principal_id: me.principal.id,
      principal_name: me.principal.name,
      principal_type: me.principal.type,
      organization: me.organization.name,
      key_id: me.key.id,
      key_expires_at: me.key.expires_at,
      roles: me.roles,
      permissions: me.permissions,
    };
  },
};

export const dataSources: Record<string, Def> = {
  warden_service_account: serviceAccount,
  warden_service_accounts: serviceAccounts,
  warden_roles: roles,
  warden_api_keys: apiKeys,
  warden_whoami: whoami,
};
