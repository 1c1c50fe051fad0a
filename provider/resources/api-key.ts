// warden_api_key: an API key of one service account with TTL, rotation and grace period.
// - `rotate_before`: once server time ≥ expires_at − rotate_before the plan itself
//   proposes a replacement (no refresh needed).
// - Refresh drops keys found expired, revoked or deleted out of band, saying why, so the
//   plan re-creates them instead of keeping a dead credential.
// - Destroy (and the old half of a replacement) revokes with `grace_period`.
// - `secret_wo` lets key material come from an ephemeral value; the secret then never
//   reaches state.
import type { ApiKey } from '../../sdk/client.ts';
import { formatDuration, parseDuration } from '../../sdk/duration.ts';
import { isNotFound, type WardenProviderClient } from '../client.ts';
import { DiagnosticError } from '../framework/diagnostics.ts';
import type { ResourceDefinition } from '../framework/definitions.ts';
import { stored, type AttributeName, type UpdateOf } from '../framework/model.ts';
import type { Schema } from '../framework/schema.ts';
import { matches } from '../framework/validators.ts';
import { duration, keyMaterial } from '../validators.ts';
import { UNKNOWN, isString, isUnknown, valuesEqual, type TfValue } from '../framework/values.ts';
import { LABEL_PATTERN, SERVICE_ACCOUNT_ID_PATTERN } from '../../sdk/rules.ts';

function metadata(key: ApiKey) {
  return {
    id: key.id,
    service_account_id: key.service_account_id,
    label: key.label,
    description: key.description,
    prefix: key.prefix,
    status: key.status,
    created_at: key.created_at,
    expires_at: key.expires_at,
  } satisfies UpdateOf<typeof schema>;
}

/**
 * The key's status now. A snapshot (bulk refresh) may be up to a minute old, so a key it
 * listed as active is checked against the server's clock for expiry and a revocation
 * whose grace period has run out since.
 */
function statusAt(key: ApiKey, now: Date): ApiKey['status'] {
  const at = now.toISOString();
  if (key.status !== 'active') {
    return key.status;
  }
  if (key.revoked_at !== null && key.revoked_at <= at) {
    return 'revoked';
  }
  return key.expires_at !== null && key.expires_at <= at ? 'expired' : 'active';
}

function ms(value: TfValue): number | undefined {
  try {
    return isString(value) ? parseDuration(value) : undefined;
  } catch {
    return undefined;
  }
}

const schema = {
  description:
    'An API key of a Warden service account. The secret is shown once, at creation, and kept in state as a sensitive value — or never, with `secret_wo`. Use `lifecycle { create_before_destroy = true }` with `grace_period` for zero-downtime rotation.',
  attributes: {
    id: { type: 'string', computed: true, useStateForUnknown: true, description: 'The key id (`key_…`).' },
    service_account_id: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [matches(SERVICE_ACCOUNT_ID_PATTERN, 'expected a service account id such as sa_…')],
      description: 'The service account the key belongs to.',
    },
    label: {
      type: 'string',
      required: true,
      requiresReplace: true,
      validators: [matches(LABEL_PATTERN, 'use lowercase letters, digits, ".", "_" and "-" (1 to 63 characters)')],
      description: 'Where the key runs, e.g. `github-actions-prod`.',
    },
    description: { type: 'string', optional: true, computed: true, default: '', description: 'What the key is for; changes in place.' },
    ttl: {
      type: 'string',
      optional: true,
      validators: [duration()],
      description:
        'Time to live, e.g. `90d`; sets `expires_at` at creation. Omit for a non-expiring key (policy may forbid it). Changing it creates a new key.',
    },
    rotate_before: {
      type: 'string',
      optional: true,
      validators: [duration()],
      description: 'Propose a replacement once the key is this close to expiry, e.g. `15d`. Needs `ttl`.',
    },
    rotation_triggers: { type: { map: 'string' }, optional: true, description: 'Arbitrary values; any change creates a new key.' },
    grace_period: {
      type: 'string',
      optional: true,
      validators: [duration()],
      description: 'When the key is destroyed or replaced, it keeps working this long so consumers can switch, e.g. `1h`. Omit to revoke at once.',
    },
    secret: {
      type: 'string',
      computed: true,
      sensitive: true,
      useStateForUnknown: true,
      description: 'The token (`wdn_…`). Set only for keys this configuration created; null when imported or when `secret_wo` supplies the key material.',
    },
    secret_wo: {
      type: 'string',
      optional: true,
      sensitive: true,
      writeOnly: true,
      validators: [keyMaterial()],
      description: 'Write-only key material (e.g. `ephemeral.warden_key_material.x.token`); the secret then never reaches state. Needs Terraform ≥ 1.11.',
    },
    secret_wo_version: { type: 'number', optional: true, requiresReplace: true, description: 'Bump to create a new key from new `secret_wo` material.' },
    prefix: { type: 'string', computed: true, useStateForUnknown: true, description: 'The public prefix `wdn_XXXXXXXX`, for identification.' },
    status: { type: 'string', computed: true, description: '`active`, `expired` or `revoked`.' },
    created_at: { type: 'string', computed: true, useStateForUnknown: true, description: 'When the key was issued (RFC 3339).' },
    expires_at: { type: 'string', computed: true, useStateForUnknown: true, description: 'When the key expires (RFC 3339), or null for a non-expiring key.' },
  },
} as const satisfies Schema;

/** What a new key gets from the server: unknown in a plan that replaces the key. */
const DECIDED_AT_CREATE = ['id', 'secret', 'prefix', 'status', 'created_at', 'expires_at'] as const;

export const apiKey: ResourceDefinition<WardenProviderClient, typeof schema> = {
  schema,

  validateConfig({ config, diagnostics }) {
    const ttl = ms(config.ttl);
    const rotate = ms(config.rotate_before);
    if (isString(config.rotate_before) && config.ttl === null) {
      diagnostics.error('rotate_before needs ttl', 'A non-expiring key never enters a rotation window; set `ttl` (e.g. "90d") or remove `rotate_before`.', [
        'rotate_before',
      ]);
    }
    if (ttl !== undefined && rotate !== undefined && rotate >= ttl) {
      diagnostics.error(
        'rotate_before must be shorter than ttl',
        `rotate_before (${String(config.rotate_before)}) would put the key in its rotation window from the start; use less than ttl (${String(config.ttl)}).`,
        ['rotate_before'],
      );
    }
    if (ttl !== undefined && (ttl < 60_000 || ttl > 3650 * 86_400_000)) {
      diagnostics.error('ttl out of range', `ttl must be between 60s and 3650d, not ${String(config.ttl)}.`, ['ttl']);
    }
    if (config.secret_wo_version !== null && config.secret_wo === null) {
      diagnostics.error(
        'secret_wo_version without secret_wo',
        'Set `secret_wo` (for example from ephemeral.warden_key_material) or remove `secret_wo_version`.',
        ['secret_wo_version'],
      );
    }
  },

  async modifyPlan({ client, prior, config, planned, diagnostics, requireReplace }) {
    if (prior === null) {
      return;
    }
    const replaceBecause = (attribute: AttributeName<typeof schema>) => {
      requireReplace(attribute);
      for (const name of DECIDED_AT_CREATE) {
        planned[name] = UNKNOWN;
      }
    };
    // ttl: only a different length replaces ("90d" → "2160h" is the same key).
    if (!valuesEqual(prior.ttl, planned.ttl) && ms(prior.ttl) !== ms(planned.ttl)) {
      replaceBecause('ttl');
    }
    // Imported keys have no triggers on record; adopting a configuration's triggers is not a change.
    if (
      prior.rotation_triggers !== null &&
      !isUnknown(planned.rotation_triggers) &&
      !valuesEqual(prior.rotation_triggers, planned.rotation_triggers, { map: 'string' })
    ) {
      replaceBecause('rotation_triggers');
    }
    const rotateMs = ms(config.rotate_before);
    if (rotateMs !== undefined && isString(prior.expires_at)) {
      const windowOpens = Date.parse(prior.expires_at) - rotateMs;
      const now = client.now();
      if (now.getTime() >= windowOpens) {
        replaceBecause('expires_at');
        diagnostics.warning(
          'API key rotation due',
          `Key ${prior.label} (${String(prior.prefix)}…) expires at ${prior.expires_at}; rotate_before = ${String(config.rotate_before)} opened its rotation window at ${new Date(windowOpens).toISOString()}. This plan replaces it.`,
          ['rotate_before'],
        );
      }
    }
  },

  async importState({ client, id }) {
    const key = (await client.sdk.keys.get(id)).data;
    const ttlMs = key.expires_at ? Date.parse(key.expires_at) - Date.parse(key.created_at) : undefined;
    return { ...metadata(key), ttl: ttlMs === undefined ? null : formatDuration(ttlMs), secret: null };
  },

  async create({ client, planned, config }) {
    const token = isString(config.secret_wo) ? config.secret_wo : undefined;
    const created = await client.sdk.keys.create(planned.service_account_id, {
      label: planned.label,
      description: planned.description,
      ...(isString(planned.ttl) ? { ttl: planned.ttl } : {}),
      ...(token ? { token } : {}),
    });
    client.cache.keys.markChanged(created.id);
    return { ...planned, ...metadata(created), secret: token ? null : created.secret, secret_wo: null };
  },

  async read({ client, state, diagnostics }) {
    const found = await client.cache.keys.get(stored(state, 'id'));
    if (!found) {
      diagnostics.warning('API key deleted outside Terraform', `Key ${state.label} (${String(state.id)}) no longer exists; it will be re-created.`);
      return null;
    }
    const key = { ...found, status: statusAt(found, client.now()) };
    if (key.status !== 'active') {
      const why = key.status === 'revoked' ? `was revoked at ${key.revoked_at}` : `expired at ${key.expires_at}`;
      diagnostics.warning(
        `API key ${key.status}`,
        `Key ${key.label} (${key.prefix}…) ${why}; Terraform will create a replacement instead of keeping a dead credential.`,
      );
      return null;
    }
    return { ...state, ...metadata(key) };
  },

  async update({ client, prior, planned }) {
    const id = stored(prior, 'id');
    client.cache.keys.markChanged(id);
    let current = (await client.sdk.keys.get(id)).data;
    if (current.description !== planned.description) {
      current = (await client.sdk.keys.update(current.id, { description: planned.description }, `"${current.version}"`)).data;
    }
    return { ...planned, ...metadata(current), secret: prior.secret ?? null, secret_wo: null };
  },

  async delete({ client, prior }) {
    const id = stored(prior, 'id');
    client.cache.keys.markChanged(id);
    try {
      await client.sdk.keys.revoke(id, isString(prior.grace_period) ? prior.grace_period : undefined);
    } catch (error) {
      if (!isNotFound(error)) {
        throw new DiagnosticError('Could not revoke the API key', (error as Error).message);
      }
    }
  },
};
