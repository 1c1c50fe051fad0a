// `warden init`: bootstraps an organization directly on storage (no server needed).
// A shared organization gets a `bootstrap-admin` service account holding `admin`; a
// personal one gets its owning user. The key is returned once; a second run changes
// nothing and says so.
import { generateToken, publicPrefix } from '../sdk/token.ts';
import { SystemClock, type Clock } from './clock.ts';
import { newId } from './ids.ts';
import { invitationUrl, newInvitation } from './invitation-row.ts';
import { newKeyRow } from './key-row.ts';
import { openStorage, type StorageLocation } from './storage/open.ts';
import { SLUG_PATTERN } from '../sdk/rules.ts';

export interface InitOptions extends StorageLocation {
  org: string;
  personal?: boolean;
  clock?: Clock;
  /** Also invite this email as the organization's first human admin (shared organizations only). */
  adminEmail?: string;
  /** The server's public base URL, for the invitation URL. @default http://127.0.0.1:8080 */
  publicUrl?: string;
}

export interface InitResult {
  created: boolean;
  organization: { id: string; name: string; kind: 'personal' | 'shared' };
  principal: { id: string; name: string; type: 'service_account' | 'user' };
  token?: string;
  /** With `adminEmail`: the one-time invitation URL (valid 24 h), shown only here. */
  invitationUrl?: string;
  message: string;
}

const SLUG = SLUG_PATTERN;

export async function initOrganization(options: InitOptions): Promise<InitResult> {
  if (!SLUG.test(options.org)) {
    throw new Error(`--org "${options.org}" is not a valid name: use 3–63 lowercase letters, digits and single hyphens, starting with a letter`);
  }
  if (options.adminEmail !== undefined && (options.personal || !/^[^@\s]+@[^@\s]+$/.test(options.adminEmail))) {
    throw new Error(
      options.personal
        ? '--admin-email invites into a shared organization; leave out --personal'
        : `--admin-email "${options.adminEmail}" is not an email address`,
    );
  }
  const clock = options.clock ?? new SystemClock();
  const storage = await openStorage(options);
  try {
    return await storage.transaction(async (tx) => {
      const existing = await tx.orgs.byName(options.org);
      if (existing) {
        return {
          created: false,
          organization: existing,
          principal: { id: '', name: '', type: 'service_account' as const },
          message: `Organization "${options.org}" already exists; nothing was changed and no key was issued.`,
        };
      }
      const at = clock.now();
      const now = at.toISOString();
      const kind = options.personal ? ('personal' as const) : ('shared' as const);
      const org = { id: newId('org'), name: options.org, kind, created_at: now };
      await tx.orgs.insert(org);
      const type = options.personal ? ('user' as const) : ('service_account' as const);
      const principal = {
        id: newId(options.personal ? 'usr' : 'sa'),
        org_id: org.id,
        type,
        name: options.personal ? options.org : 'bootstrap-admin',
        description: options.personal ? 'Owner of this personal organization.' : 'Created by warden init; holds admin.',
        disabled: false,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        version: 1,
      };
      await tx.principals.insert(principal);
      await tx.assignments.insert({ id: newId('ra'), org_id: org.id, principal_id: principal.id, role: 'admin', created_at: now });
      const token = generateToken();
      const key = newKeyRow({ orgId: org.id, principalId: principal.id, label: 'bootstrap', description: 'Issued by warden init.', token, now: at });
      await tx.keys.insert(key);
      await tx.audit.insert({
        id: newId('evt'),
        org_id: org.id,
        occurred_at: now,
        principal_id: principal.id,
        principal_type: type,
        principal_name: principal.name,
        action: 'organization.create',
        target_type: 'organization',
        target_id: org.id,
        target_name: org.name,
        details: { kind, bootstrap_principal: principal.name, bootstrap_key_prefix: publicPrefix(token) },
      });
      let invitation: string | undefined;
      if (options.adminEmail !== undefined) {
        const { row, token: invitationToken } = newInvitation({ orgId: org.id, email: options.adminEmail, role: 'admin', createdBy: principal.id, now: at });
        await tx.people.invitations.insert(row);
        invitation = invitationUrl(options.publicUrl ?? 'http://127.0.0.1:8080', invitationToken);
      }
      return {
        created: true,
        organization: { id: org.id, name: org.name, kind },
        principal: { id: principal.id, name: principal.name, type },
        token,
        ...(invitation ? { invitationUrl: invitation } : {}),
        message: `Created ${kind} organization "${org.name}" with ${type === 'user' ? 'owner' : 'service account'} "${principal.name}" (admin).`,
      };
    });
  } finally {
    await storage.close();
  }
}
