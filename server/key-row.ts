// A new API key as storage keeps it: the public prefix and the SHA-256 of the token, never
// the token. One place for the API's key create, `warden init` and `warden recover`.
import { publicPrefix } from '../sdk/token.ts';
import { hashToken } from './auth.ts';
import { newId } from './ids.ts';
import type { KeyRow } from './storage/types.ts';

export interface NewKey {
  orgId: string;
  principalId: string;
  label: string;
  description: string;
  token: string;
  now: Date;
  /** Time to live; none means the key never expires. */
  ttlMs?: number;
}

export function newKeyRow(key: NewKey): KeyRow {
  return {
    id: newId('key'),
    org_id: key.orgId,
    principal_id: key.principalId,
    label: key.label,
    description: key.description,
    prefix: publicPrefix(key.token),
    hash: hashToken(key.token),
    created_at: key.now.toISOString(),
    expires_at: key.ttlMs === undefined ? null : new Date(key.now.getTime() + key.ttlMs).toISOString(),
    revoked_at: null,
    last_used_at: null,
    version: 1,
  };
}
