// warden_role: a custom role from the server's permission catalog. Permissions change in
// place; unknown permissions are caught at plan time on the `permissions` attribute.
import type { Role } from '../../sdk/client.ts';
import { isNotFound, type WardenProviderClient } from '../client.ts';
import { DiagnosticError } from '../framework/diagnostics.ts';
import type { ResourceDefinition } from '../framework/definitions.ts';
import type { StateOf } from '../framework/model.ts';
import type { Schema } from '../framework/schema.ts';
import { SLUG } from '../validators.ts';
import { isString } from '../framework/values.ts';

const BUILTIN = ['admin', 'member', 'snapshotter', 'reader'];

const schema = {
  description: 'A custom Warden role: a named set of permissions from the published catalog (`GET /v1/permissions`).',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'The role name.' },
    name: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [SLUG],
      description: 'Role name; must not be a built-in role (admin, member, snapshotter, reader).',
    },
    description: { type: 'string', optional: true, computed: true, default: '', description: 'What the role is for.' },
    permissions: { type: { set: 'string' }, required: true, description: 'Permissions from the catalog, e.g. `keys:read`.' },
    created_at: { type: 'string', computed: true, useStateForUnknown: true, description: 'When the role was created (RFC 3339).' },
  },
} as const satisfies Schema;

function toState(role: Role): StateOf<typeof schema> {
  return { id: role.name, name: role.name, description: role.description, permissions: [...role.permissions].sort(), created_at: role.created_at };
}

export const role: ResourceDefinition<WardenProviderClient, typeof schema> = {
  schema,

  validateConfig({ config, diagnostics }) {
    if (typeof config.name === 'string' && BUILTIN.includes(config.name)) {
      diagnostics.error('Built-in role name', `"${config.name}" is a built-in role; custom roles need another name.`, ['name']);
    }
  },

  async modifyPlan({ client, planned, diagnostics }) {
    const wanted = planned.permissions;
    if (!Array.isArray(wanted) || !wanted.every(isString)) {
      return;
    }
    const catalog = await client.cache.permissionNames();
    for (const permission of wanted) {
      if (!catalog.has(permission)) {
        diagnostics.error('Unknown permission', `"${permission}" is not in the server's permission catalog. Known: ${[...catalog].join(', ')}.`, [
          'permissions',
        ]);
      }
    }
  },

  async importState({ client, id }) {
    return toState((await client.sdk.roles.get(id)).data);
  },

  async create({ client, planned }) {
    const name = planned.name;
    client.cache.roles.markChanged(name);
    client.cache.addRoleName(name);
    return toState((await client.sdk.roles.create({ name, description: planned.description, permissions: planned.permissions })).data);
  },

  async read({ client, state }) {
    const found = await client.cache.roles.get(state.name);
    return found ? toState(found) : null;
  },

  async update({ client, prior, planned }) {
    client.cache.roles.markChanged(prior.name);
    const { etag } = await client.sdk.roles.get(prior.name);
    return toState((await client.sdk.roles.update(prior.name, { description: planned.description, permissions: planned.permissions }, etag)).data);
  },

  async delete({ client, prior }) {
    client.cache.roles.markChanged(prior.name);
    try {
      await client.sdk.roles.delete(prior.name);
    } catch (error) {
      if (isNotFound(error)) {
        return;
      }
      if ((error as { code?: string }).code === 'role_in_use') {
        throw new DiagnosticError('Role still assigned', `Remove every assignment of "${prior.name}" before deleting it.`);
      }
      throw error;
    }
  },
};
