// A new invitation as storage keeps it (the SHA-256 of its one-time token, never the token)
// and the URL that carries the token. One place for the API's invite and `warden init --admin-email`.
import { createHash, randomBytes } from 'node:crypto';
import { newId } from './ids.ts';
import type { InvitationRow } from './storage/types.ts';

export const INVITATION_TTL_MS = 24 * 3_600_000;

export const invitationTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Where the console accepts an invitation: a hash route, so the token never reaches a server log. */
export const invitationUrl = (baseUrl: string, token: string): string => `${baseUrl.replace(/\/+$/, '')}/console/#/accept?token=${token}`;

export function newInvitation(input: { orgId: string; email: string; role: string; createdBy: string; now: Date }): { row: InvitationRow; token: string } {
  // 256 random bits, base64url: 43 characters.
  const token = randomBytes(32).toString('base64url');
  const row: InvitationRow = {
    id: newId('inv'),
    org_id: input.orgId,
    email: input.email.toLowerCase(),
    role: input.role,
    token_hash: invitationTokenHash(token),
    created_by: input.createdBy,
    created_at: input.now.toISOString(),
    expires_at: new Date(input.now.getTime() + INVITATION_TTL_MS).toISOString(),
    accepted_at: null,
    revoked_at: null,
  };
  return { row, token };
}
