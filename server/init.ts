// `warden init`: bootstraps an organization directly on storage (no server needed).
// A shared organization gets a `bootstrap-admin` service account holding `admin`; a
// personal one gets its owning user. The key is returned once; a second run changes
// nothing and says so.
import { generateToken, publicPrefix } from '../sdk/token.ts';
import { SystemClock, type Clock } from './clock.ts';
import { newId } from './ids.ts';
import { newKeyRow } from './key-row.ts';
import { openStorage, type StorageLocation } from './storage/open.ts';
import { SLUG_PATTERN } from '../sdk/rules.ts';

export interface InitOptions extends StorageLocation {
  org: string;
  personal?: boolean;
  clock?: Clock;
}

export interface InitResult {
  created: boolean;
  organization: { id: string; name: string; kind: 'personal' | 'shared' };
  principal: { id: string; name: string; type: 'service_account' | 'user' };
  token?: string;
  message: string;
}

const SLUG = SLUG_PATTERN;

export async function initOrganization(options: InitOptions): Promise<InitResult> {
  if (!SLUG.test(options.org)) {
    throw new Error(`--org "${options.org}" is not a valid name: use 3–63 lowercase letters, digits and single hyphens, starting with a letter`);
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
      return {
        created: true,
        organization: { id: org.id, name: org.name, kind },
        principal: { id: principal.id, name: principal.name, type },
        token,
        message: `Created ${kind} organization "${org.name}" with ${type === 'user' ? 'owner' : 'service account'} "${principal.name}" (admin).`,
      };
    });
  } finally {
    await storage.close();
  }
}
