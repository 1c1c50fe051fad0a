// The authorization matrix (each built-in role × each operation, allow and deny) and
// privilege escalation attempts. Expectations come from docs/domain.md's role table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const base = '/v1/orgs/acme';
let server: TestServer;
let admin: ReturnType<typeof httpClient>;
let victimId: string;

async function accountWithRoles(name: string, roles: string[]) {
  const sa = (await admin('POST', `${base}/service-accounts`, { name })).body;
  await admin('PUT', `${base}/service-accounts/${sa.id}/roles`, { roles });
  const key = (await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'test' })).body;
  return { id: sa.id as string, call: httpClient(server.url, key.secret as string) };
}

type Call = ReturnType<typeof httpClient>;
let counter = 0;
const unique = (p: string) => `${p}-${++counter}`;

// Each operation, the permission it needs, and a request that succeeds when allowed.
const OPERATIONS: { name: string; permission: string | null; run: (c: Call) => Promise<{ status: number }> }[] = [
  { name: 'whoami', permission: null, run: (c) => c('GET', '/v1/whoami') },
  { name: 'permissions', permission: null, run: (c) => c('GET', '/v1/permissions') },
  { name: 'get org', permission: 'org:read', run: (c) => c('GET', base) },
  { name: 'list accounts', permission: 'service_accounts:read', run: (c) => c('GET', `${base}/service-accounts`) },
  { name: 'get account', permission: 'service_accounts:read', run: (c) => c('GET', `${base}/service-accounts/${victimId}`) },
  { name: 'create account', permission: 'service_accounts:write', run: (c) => c('POST', `${base}/service-accounts`, { name: unique('made') }) },
  { name: 'update account', permission: 'service_accounts:write', run: (c) => c('PATCH', `${base}/service-accounts/${victimId}`, { description: unique('d') }) },
  {
    name: 'delete account',
    permission: 'service_accounts:delete',
    run: async (c) => {
      const target = (await admin('POST', `${base}/service-accounts`, { name: unique('doomed') })).body;
      return c('DELETE', `${base}/service-accounts/${target.id}`);
    },
  },
  { name: 'list keys', permission: 'keys:read', run: (c) => c('GET', `${base}/keys`) },
  { name: 'create key', permission: 'keys:write', run: (c) => c('POST', `${base}/service-accounts/${victimId}/keys`, { label: unique('k') }) },
  {
    name: 'revoke key',
    permission: 'keys:revoke',
    run: async (c) => {
      const key = (await admin('POST', `${base}/service-accounts/${victimId}/keys`, { label: unique('r') })).body;
      return c('POST', `${base}/keys/${key.id}/revoke`);
    },
  },
  { name: 'list roles', permission: 'roles:read', run: (c) => c('GET', `${base}/roles`) },
  { name: 'create role', permission: 'roles:write', run: (c) => c('POST', `${base}/roles`, { name: unique('custom'), permissions: ['org:read'] }) },
  { name: 'list assignments', permission: 'role_assignments:read', run: (c) => c('GET', `${base}/role-assignments`) },
  { name: 'grant role', permission: 'role_assignments:write', run: (c) => c('PUT', `${base}/service-accounts/${victimId}/roles`, { roles: [] }) },
  { name: 'read audit', permission: 'audit:read', run: (c) => c('GET', `${base}/audit-events`) },
];

const ROLE_PERMISSIONS: Record<string, string[]> = {};

beforeAll(async () => {
  server = await startTestServer();
  admin = httpClient(server.url, server.adminToken);
  victimId = (await admin('POST', `${base}/service-accounts`, { name: 'victim' })).body.id;
  for (const role of (await admin('GET', `${base}/roles`)).body.items) {
    ROLE_PERMISSIONS[role.name] = role.permissions;
  }
});
afterAll(() => server.close());

describe('authorization matrix', () => {
  for (const role of ['admin', 'member', 'snapshotter', 'reader', '(none)']) {
    it(`enforces the permissions of ${role} on every operation`, async () => {
      const caller = await accountWithRoles(unique(role === '(none)' ? 'nobody' : role), role === '(none)' ? [] : [role]);
      const held = new Set(ROLE_PERMISSIONS[role] ?? []);
      const outcomes: string[] = [];
      for (const op of OPERATIONS) {
        const res = await op.run(caller.call);
        const allowed = op.permission === null || held.has(op.permission);
        outcomes.push(`${op.name}: ${res.status}`);
        if (allowed) {
          expect(res.status, `${role} should be allowed to ${op.name}`).toBeLessThan(300);
        } else {
          expect(res.status, `${role} should be denied ${op.name}`).toBe(403);
        }
      }
      expect(outcomes).toHaveLength(OPERATIONS.length);
    });
  }
});

describe('privilege escalation', () => {
  it('a member cannot grant admin, to itself or anyone', async () => {
    const member = await accountWithRoles('esc-member', ['member']);
    // member lacks role_assignments:write entirely
    expect((await member.call('PUT', `${base}/service-accounts/${member.id}/roles`, { roles: ['admin'] })).status).toBe(403);
  });

  it('a non-admin holding role_assignments:write cannot grant admin or management roles, nor more than it holds', async () => {
    await admin('POST', `${base}/roles`, { name: 'granter', permissions: ['role_assignments:write', 'role_assignments:read', 'org:read'] });
    const granter = await accountWithRoles('esc-granter', ['granter']);
    const self = await granter.call('PUT', `${base}/service-accounts/${granter.id}/roles`, { roles: ['granter', 'admin'] });
    expect(self.status).toBe(403);
    expect((self.body as any).code).toBe('privilege_escalation');
    const other = await granter.call('POST', `${base}/role-assignments`, { service_account_id: victimId, role: 'granter' });
    expect((other.body as any).code).toBe('privilege_escalation');
    const wider = await granter.call('POST', `${base}/role-assignments`, { service_account_id: victimId, role: 'reader' });
    expect((wider.body as any).code).toBe('privilege_escalation');
    expect((await admin('GET', `${base}/service-accounts/${granter.id}/roles`)).body.roles).toEqual(['granter']);
  });

  it('a non-admin with roles:write cannot define a role with management or unheld permissions', async () => {
    await admin('POST', `${base}/roles`, { name: 'role-author', permissions: ['roles:write', 'roles:read', 'org:read'] });
    const author = await accountWithRoles('esc-author', ['role-author']);
    const mgmt = await author.call('POST', `${base}/roles`, { name: 'sneaky', permissions: ['role_assignments:write'] });
    expect((mgmt.body as any).code).toBe('privilege_escalation');
    const unheld = await author.call('POST', `${base}/roles`, { name: 'sneaky', permissions: ['keys:write'] });
    expect((unheld.body as any).code).toBe('privilege_escalation');
    expect((await admin('GET', `${base}/roles/sneaky`)).status).toBe(404);
  });

  it('a member cannot mint a key for a more privileged account', async () => {
    const member = await accountWithRoles('esc-minter', ['member']);
    const bootstrapId = (await admin('GET', `${base}/service-accounts?name=bootstrap-admin`)).body.items[0].id;
    const res = await member.call('POST', `${base}/service-accounts/${bootstrapId}/keys`, { label: 'stolen' });
    expect(res.status).toBe(403);
    expect((res.body as any).code).toBe('privilege_escalation');
    expect((await admin('GET', `${base}/service-accounts/${bootstrapId}/keys?label=stolen`)).body.items).toHaveLength(0);
  });
});
