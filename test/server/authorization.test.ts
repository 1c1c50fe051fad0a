// The authorization matrix (each built-in role × each operation, allow and deny),
// privilege escalation attempts, and the target rule: acting on a principal that holds
// more than the caller is refused and changes nothing. Expectations come from docs/domain.md.
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
  {
    name: 'update account',
    permission: 'service_accounts:write',
    run: (c) => c('PATCH', `${base}/service-accounts/${victimId}`, { description: unique('d') }),
  },
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
    expect((res.body as any).code).toBe('target_more_privileged');
    expect((await admin('GET', `${base}/service-accounts/${bootstrapId}/keys?label=stolen`)).body.items).toHaveLength(0);
  });
});

/** Every audit event of the organization, counted page by page. */
async function auditCount(): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: any = (await admin('GET', `${base}/audit-events?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).body;
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

describe('target rule: acting on a more privileged principal', () => {
  // An admin target with an active key, and a disabled admin target (for enable).
  let target: { id: string; keyId: string };
  let disabledTarget: { id: string };

  const snapshot = async () => ({
    account: (await admin('GET', `${base}/service-accounts/${target.id}`)).body,
    key: (await admin('GET', `${base}/keys/${target.keyId}`)).body,
    roles: (await admin('GET', `${base}/service-accounts/${target.id}/roles`)).body.roles,
    disabled: (await admin('GET', `${base}/service-accounts/${disabledTarget.id}`)).body.disabled,
    assignments: (await admin('GET', `${base}/role-assignments?service_account_id=${target.id}`)).body.items.length,
    audit: await auditCount(),
  });

  // Each operation on the target, and the permission it needs before the target rule applies.
  const ON_TARGET: { name: string; permission: string; run: (c: Call) => Promise<{ status: number; body: any }> }[] = [
    { name: 'revoke its key', permission: 'keys:revoke', run: (c) => c('POST', `${base}/keys/${target.keyId}/revoke`) },
    {
      name: 'revoke its key after a grace period',
      permission: 'keys:revoke',
      run: (c) => c('POST', `${base}/keys/${target.keyId}/revoke`, { grace_period: '1h' }),
    },
    { name: 'describe its key', permission: 'keys:write', run: (c) => c('PATCH', `${base}/keys/${target.keyId}`, { description: 'hijacked' }) },
    { name: 'issue it a key', permission: 'keys:write', run: (c) => c('POST', `${base}/service-accounts/${target.id}/keys`, { label: 'stolen' }) },
    {
      name: 'describe the account',
      permission: 'service_accounts:write',
      run: (c) => c('PATCH', `${base}/service-accounts/${target.id}`, { description: 'hijacked' }),
    },
    { name: 'disable the account', permission: 'service_accounts:write', run: (c) => c('POST', `${base}/service-accounts/${target.id}/disable`) },
    { name: 'disable it by PATCH', permission: 'service_accounts:write', run: (c) => c('PATCH', `${base}/service-accounts/${target.id}`, { disabled: true }) },
    {
      name: 're-enable an account an admin disabled',
      permission: 'service_accounts:write',
      run: (c) => c('POST', `${base}/service-accounts/${disabledTarget.id}/enable`),
    },
    { name: 'delete the account', permission: 'service_accounts:delete', run: (c) => c('DELETE', `${base}/service-accounts/${target.id}`) },
    { name: 'set its roles', permission: 'role_assignments:write', run: (c) => c('PUT', `${base}/service-accounts/${target.id}/roles`, { roles: ['reader'] }) },
    {
      name: 'grant it a role',
      permission: 'role_assignments:write',
      run: (c) => c('POST', `${base}/role-assignments`, { service_account_id: target.id, role: 'reader' }),
    },
    {
      name: 'remove its admin assignment',
      permission: 'role_assignments:write',
      run: async (c) => {
        const assignment = (await admin('GET', `${base}/role-assignments?service_account_id=${target.id}&role=admin`)).body.items[0];
        return c('DELETE', `${base}/role-assignments/${assignment.id}`);
      },
    },
  ];

  beforeAll(async () => {
    const made = await accountWithRoles('target-admin', ['admin']);
    const keyId = (await admin('GET', `${base}/service-accounts/${made.id}/keys`)).body.items[0].id;
    target = { id: made.id, keyId };
    disabledTarget = { id: (await accountWithRoles('parked-admin', ['admin'])).id };
    await admin('POST', `${base}/service-accounts/${disabledTarget.id}/disable`);
    // Holds every permission of the catalog through a custom role, but not the admin role.
    const everything = (await admin('GET', '/v1/permissions')).body.items.map((p: { name: string }) => p.name);
    expect((await admin('POST', `${base}/roles`, { name: 'almost-admin', permissions: everything })).status).toBe(201);
  });

  for (const role of ['member', 'reader', 'snapshotter', 'almost-admin']) {
    it(`${role} → admin: every operation is refused with 403 and changes nothing`, async () => {
      const caller = await accountWithRoles(unique(`as-${role}`), [role]);
      const held = new Set(role === 'almost-admin' ? ROLE_PERMISSIONS.admin : ROLE_PERMISSIONS[role]);
      const before = await snapshot();
      for (const op of ON_TARGET) {
        const res = await op.run(caller.call);
        expect(res.status, `${role} must not ${op.name}`).toBe(403);
        const code = held.has(op.permission) ? 'target_more_privileged' : 'forbidden';
        expect(res.body.code, `${role} ${op.name}`).toBe(code);
        if (code === 'target_more_privileged') {
          // The detail says what is missing.
          expect(res.body.detail).toMatch(/missing: the admin role/);
          if (role === 'member') {
            expect(res.body.detail).toMatch(/service_accounts:delete/);
          }
        }
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it('names the missing permission when the target holds a custom role the caller lacks', async () => {
    await admin('POST', `${base}/roles`, { name: 'auditor', permissions: ['audit:read', 'org:read'] });
    const auditor = await accountWithRoles('an-auditor', ['auditor']);
    const member = await accountWithRoles('a-member', ['member']);
    const key = (await admin('GET', `${base}/service-accounts/${auditor.id}/keys`)).body.items[0];
    const before = await auditCount();
    const res = await member.call('POST', `${base}/keys/${key.id}/revoke`);
    expect([res.status, res.body.code]).toEqual([403, 'target_more_privileged']);
    expect(res.body.detail).toBe(
      'You may not revoke the keys of "an-auditor": it holds more than you do (missing: audit:read). Ask a principal that holds every permission of the target (an admin for an admin).',
    );
    expect(await auditCount()).toBe(before);
    expect((await admin('GET', `${base}/keys/${key.id}`)).body.status).toBe('active');
  });

  it('allows acting on a principal that holds no more than the caller, and on itself (reductions)', async () => {
    const member = await accountWithRoles('peer-a', ['member']);
    const peer = await accountWithRoles('peer-b', ['member']);
    const peerKey = (await admin('GET', `${base}/service-accounts/${peer.id}/keys`)).body.items[0];
    expect((await member.call('PATCH', `${base}/service-accounts/${peer.id}`, { description: 'checked' })).status).toBe(200);
    expect((await member.call('POST', `${base}/keys/${peerKey.id}/revoke`)).status).toBe(200);
    expect((await member.call('POST', `${base}/service-accounts/${peer.id}/disable`)).status).toBe(200);
    expect((await member.call('POST', `${base}/service-accounts/${peer.id}/enable`)).status).toBe(200);
    // On itself: a second key, then revoking its own key, is allowed.
    const second = (await member.call('POST', `${base}/service-accounts/${member.id}/keys`, { label: 'second' })).body;
    expect(second.secret).toMatch(/^wdn_/);
    expect((await member.call('POST', `${base}/keys/${second.id}/revoke`)).status).toBe(200);
    // …and disabling itself is a reduction too.
    expect((await member.call('POST', `${base}/service-accounts/${member.id}/disable`)).status).toBe(200);
    expect((await member.call('GET', '/v1/whoami')).status).toBe(401);
  });
});
