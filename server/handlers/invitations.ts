// Invitations: an admin (or anyone holding users:write who may grant the role) invites an
// email with a role; the answer holds a one-time URL with a 256-bit token, of which storage
// keeps only the SHA-256. Accepting (no credential but the token) creates the user when the
// email is new, or checks the existing user's password, adds the membership and signs in.
import { assertMayGrant, permissionsOfRole, requirePermission } from '../authorization.ts';
import { notFound, problem } from '../errors.ts';
import { invitationTokenHash, invitationUrl, newInvitation } from '../invitation-row.ts';
import { hashPassword } from '../passwords.ts';
import { checkCredentials } from '../sign-in.ts';
import type { InvitationRow, OrgRow, UserRow } from '../storage/types.ts';
import { addMembership, createUser } from '../users.ts';
import { assertOwnOrg, audit, authWrite, pageBody, pageRequest, type Handler, type PublicHandler, type Schemas } from './common.ts';
import { presentInvitation, presentUser } from './people-present.ts';
import { signedIn } from './session.ts';

export const createInvitation: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'users:write');
  if (req.caller.org.kind !== 'shared') {
    throw problem(409, 'organization_not_shared', `"${req.caller.org.name}" is a personal organization; invite people to a shared organization.`);
  }
  const body = req.body as Schemas['InvitationCreate'];
  const email = body.email.toLowerCase();
  return services.storage.transaction(async (tx) => {
    const permissions = await permissionsOfRole(tx, req.caller.org.id, body.role);
    if (!permissions) {
      throw problem(422, 'unknown_role', `Role "${body.role}" does not exist in this organization.`, [
        { field: 'body.role', message: 'is not a built-in or custom role' },
      ]);
    }
    assertMayGrant(req.caller, body.role, permissions, 'grant');
    const existing = await tx.people.users.byEmail(email);
    if (existing && (await tx.people.memberships.find(req.caller.org.id, existing.id))) {
      throw problem(409, 'name_taken', `${email} is already a member of "${req.caller.org.name}".`);
    }
    const now = services.clock.now();
    const { row, token } = newInvitation({ orgId: req.caller.org.id, email, role: body.role, createdBy: req.caller.principal.id, now });
    await tx.people.invitations.insert(row);
    await audit(
      tx,
      services.clock,
      req.caller,
      'invitation.create',
      { type: 'invitation', id: row.id, name: email },
      { email, role: body.role, expires_at: row.expires_at },
    );
    const reply: Schemas['InvitationWithUrl'] = { ...presentInvitation(row, now.toISOString()), invitation_url: invitationUrl(req.client!.baseUrl, token) };
    return { status: 201, body: reply, headers: { 'cache-control': 'no-store' } };
  }, authWrite(req));
};

export const listInvitations: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'users:read');
  const now = services.clock.now().toISOString();
  const page = await services.storage.people.invitations.list(req.caller.org.id, pageRequest(req.query));
  return { status: 200, body: pageBody(page, (row) => presentInvitation(row, now)) };
};

export const revokeInvitation: Handler = async (req, services) => {
  assertOwnOrg(req);
  requirePermission(req.caller, 'users:write');
  return services.storage.transaction(async (tx) => {
    const row = await tx.people.invitations.get(req.caller.org.id, req.params.invitationId);
    if (!row) {
      throw notFound(`Invitation ${req.params.invitationId}`);
    }
    if (!row.accepted_at && !row.revoked_at) {
      await tx.people.invitations.markRevoked(row.id, services.clock.now().toISOString());
      await audit(
        tx,
        services.clock,
        req.caller,
        'invitation.revoke',
        { type: 'invitation', id: row.id, name: row.email },
        { email: row.email, role: row.role },
      );
    }
    return { status: 204 };
  });
};

/** The open invitation this token names, or the problem that says why it cannot be used. */
function openInvitation(row: InvitationRow | undefined, nowIso: string): InvitationRow {
  if (!row || row.revoked_at) {
    throw problem(404, 'not_found', 'No open invitation has this token; ask for a new invitation.');
  }
  if (row.accepted_at) {
    throw problem(409, 'invitation_used', 'This invitation was already accepted; sign in instead.');
  }
  if (row.expires_at <= nowIso) {
    throw problem(410, 'invitation_expired', 'This invitation has expired (they last 24 hours); ask for a new one.');
  }
  return row;
}

export const acceptInvitation: PublicHandler = async (req, services) => {
  const body = req.body as Schemas['InvitationAccept'];
  const hash = invitationTokenHash(body.token);
  const invitation = openInvitation(await services.storage.people.invitations.byTokenHash(hash), services.clock.now().toISOString());
  const existing = await services.storage.people.users.byEmail(invitation.email);
  let passwordHash: string | undefined;
  if (existing) {
    // Through the sign-in check, so that a leaked invitation cannot be used to guess the
    // existing user's password: the same lockout applies.
    await checkCredentials(services.storage, services.clock, existing.email, body.password);
  } else {
    if (body.display_name === undefined) {
      throw problem(400, 'invalid_request', 'body.display_name is required for a new user', [
        { field: 'body.display_name', message: 'is required for a new user' },
      ]);
    }
    passwordHash = await hashPassword(body.password);
  }
  // Hashing is slow, so it ran before the transaction; everything is checked again inside it.
  const { user, org } = await services.storage.transaction(async (tx): Promise<{ user: UserRow; org: OrgRow }> => {
    const nowIso = services.clock.now().toISOString();
    const row = openInvitation(await tx.people.invitations.byTokenHash(hash), nowIso);
    if ((await tx.people.invitations.markAccepted(row.id, nowIso)) !== 1) {
      throw problem(409, 'invitation_used', 'This invitation was already accepted; sign in instead.');
    }
    const org = (await tx.orgs.byId(row.org_id))!;
    let user = await tx.people.users.byEmail(row.email);
    if (!user) {
      if (!passwordHash) {
        throw problem(409, 'invitation_used', 'The invitation changed while it was being accepted; retry.');
      }
      user = (await createUser(tx, { email: row.email, displayName: body.display_name!, passwordHash }, nowIso)).user;
    }
    let membership = await tx.people.memberships.find(org.id, user.id);
    if (!membership) {
      membership = await addMembership(tx, user, org, [row.role], nowIso);
    }
    const joined = { org, principal: membership, roles: [row.role], permissions: new Set<string>(), user };
    await audit(
      tx,
      services.clock,
      joined,
      'user.join',
      { type: 'user', id: user.id, name: user.email },
      { invitation_id: row.id, role: row.role, new_user: !existing },
    );
    return { user, org };
  });
  return signedIn(req, services, user, { organization: org, user: presentUser(user) });
};
