// Creating users and memberships: a new user gets a personal organization (kind
// 'personal', where service accounts stay refused) in which they hold `admin`; joining
// another organization adds a principal of type 'user' there with the given role.
import { randomBytes } from 'node:crypto';
import { newId } from './ids.ts';
import type { OrgRow, PrincipalRow, Repositories, UserRow } from './storage/types.ts';

/** A free slug for a personal organization, from the email's local part and a random tail. */
async function personalOrgName(repos: Repositories, email: string): Promise<string> {
  const local = email
    .split('@')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const base = /^[a-z]/.test(local) ? local : `user-${local}`.replace(/-+$/, '');
  for (;;) {
    const name = `${base}-${randomBytes(4).readUInt32BE(0).toString(36)}`;
    if (!(await repos.orgs.byName(name))) {
      return name;
    }
  }
}

/** Adds `user` to `org` with `roles`; the membership principal is named by the email. */
export async function addMembership(repos: Repositories, user: UserRow, org: OrgRow, roles: string[], nowIso: string): Promise<PrincipalRow> {
  const principal: PrincipalRow & { user_id: string } = {
    id: newId('mem'),
    org_id: org.id,
    type: 'user',
    name: user.email,
    description: user.display_name,
    disabled: false,
    created_at: nowIso,
    updated_at: nowIso,
    deleted_at: null,
    version: 1,
    user_id: user.id,
  };
  await repos.people.memberships.insert(principal);
  for (const role of roles) {
    await repos.assignments.insert({ id: newId('ra'), org_id: org.id, principal_id: principal.id, role, created_at: nowIso });
  }
  return principal;
}

export async function createUser(
  repos: Repositories,
  input: { email: string; displayName: string; passwordHash: string },
  nowIso: string,
): Promise<{ user: UserRow; personalOrg: OrgRow }> {
  const personalOrg: OrgRow = { id: newId('org'), name: await personalOrgName(repos, input.email), kind: 'personal', created_at: nowIso };
  await repos.orgs.insert(personalOrg);
  const user: UserRow = {
    id: newId('usr'),
    email: input.email.toLowerCase(),
    display_name: input.displayName,
    password_hash: input.passwordHash,
    personal_org_id: personalOrg.id,
    created_at: nowIso,
    updated_at: nowIso,
  };
  await repos.people.users.insert(user);
  await addMembership(repos, user, personalOrg, ['admin'], nowIso);
  return { user, personalOrg };
}
