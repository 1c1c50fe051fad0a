// How people appear in answers: users, members, invitations and personal keys.
import { keyStatus } from './keys.ts';
import type { InvitationRow, KeyRow, PrincipalRow, UserRow } from '../storage/types.ts';
import type { Schemas } from './common.ts';

export function presentUser(user: UserRow): Schemas['User'] {
  return { id: user.id, email: user.email, display_name: user.display_name, created_at: user.created_at };
}

export function presentMember(user: UserRow, membership: PrincipalRow, roles: string[]): Schemas['OrgUser'] {
  return { id: user.id, principal_id: membership.id, email: user.email, display_name: user.display_name, roles, joined_at: membership.created_at };
}

export function invitationStatus(row: InvitationRow, nowIso: string): Schemas['Invitation']['status'] {
  if (row.accepted_at) {
    return 'accepted';
  }
  if (row.revoked_at) {
    return 'revoked';
  }
  return row.expires_at <= nowIso ? 'expired' : 'pending';
}

export function presentInvitation(row: InvitationRow, nowIso: string): Schemas['Invitation'] {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, nowIso),
    created_at: row.created_at,
    expires_at: row.expires_at,
    accepted_at: row.accepted_at,
  };
}

export function presentPersonalKey(key: KeyRow, nowIso: string): Schemas['PersonalKey'] {
  return {
    id: key.id,
    label: key.label,
    description: key.description,
    prefix: key.prefix,
    status: keyStatus(key, nowIso),
    created_at: key.created_at,
    expires_at: key.expires_at,
    revoked_at: key.revoked_at,
    last_used_at: key.last_used_at,
  };
}
