// The last-admin invariant: no change may leave an organization without an enabled
// principal that holds admin and has an active key. Each scenario gets a fresh
// organization whose only admin is bootstrap-admin, and checks that a refused change
// (409 last_admin) changed nothing, and that the same change works once a second
// admin with a key exists.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initOrganization } from '../../server/init.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';

// One server; each scenario gets its own organization, made on the storage as `warden init` does.
let server: TestServer;
let base: string;
let admin: ReturnType<typeof httpClient>;
let self: { id: string; keyId: string };
let orgs = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  const org = `lockout-${++orgs}`;
  const init = await initOrganization({ dataDir: server.dataDir, org, clock: server.clock });
  base = `/v1/orgs/${org}`;
  admin = httpClient(server.url, init.token!);
  const whoami = (await admin('GET', '/v1/whoami')).body;
  self = { id: whoami.principal.id, keyId: whoami.key.id };
});

async function secondAdmin(options: { ttl?: string } = {}) {
  const sa = (await admin('POST', `${base}/service-accounts`, { name: 'second-admin' })).body;
  expect((await admin('PUT', `${base}/service-accounts/${sa.id}/roles`, { roles: ['admin'] })).status).toBe(200);
  const key = (await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'second', ...options })).body;
  return { id: sa.id as string, keyId: key.id as string, call: httpClient(server.url, key.secret as string) };
}

const newestEvent = async () => (await admin('GET', `${base}/audit-events?limit=1`)).body.items[0].id as string;

// Ways for the only admin to remove itself.
const SELF_REMOVALS: { name: string; run: () => Promise<{ status: number; body: any; headers: Headers }> }[] = [
  { name: 'drops its own admin role (set roles)', run: () => admin('PUT', `${base}/service-accounts/${self.id}/roles`, { roles: ['member'] }) },
  {
    name: 'deletes its own admin assignment',
    run: async () => {
      const assignment = (await admin('GET', `${base}/role-assignments?service_account_id=${self.id}&role=admin`)).body.items[0];
      return admin('DELETE', `${base}/role-assignments/${assignment.id}`);
    },
  },
  { name: 'disables itself', run: () => admin('POST', `${base}/service-accounts/${self.id}/disable`) },
  { name: 'disables itself by PATCH', run: () => admin('PATCH', `${base}/service-accounts/${self.id}`, { disabled: true }) },
  { name: 'deletes itself', run: () => admin('DELETE', `${base}/service-accounts/${self.id}`) },
  { name: 'revokes its only key', run: () => admin('POST', `${base}/keys/${self.keyId}/revoke`) },
  { name: 'revokes its only key after a grace period', run: () => admin('POST', `${base}/keys/${self.keyId}/revoke`, { grace_period: '1h' }) },
];

describe('the last admin cannot remove itself', () => {
  for (const removal of SELF_REMOVALS) {
    it(`409 last_admin when it ${removal.name}, and nothing changes`, async () => {
      const before = await newestEvent();
      const res = await removal.run();
      expect([res.status, res.body.code]).toEqual([409, 'last_admin']);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/Grant admin to another service account and issue it a key first/);
      // Still an admin, enabled, with its key active: the whole change was rolled back.
      expect((await admin('GET', '/v1/whoami')).body.roles).toEqual(['admin']);
      expect((await admin('GET', `${base}/keys/${self.keyId}`)).body).toMatchObject({ status: 'active', revoked_at: null });
      expect(await newestEvent()).toBe(before);
    });

    it(`works when it ${removal.name} while a second admin with a key exists`, async () => {
      const other = await secondAdmin();
      const res = await removal.run();
      expect(res.status).toBeLessThan(300);
      expect((await other.call('GET', '/v1/whoami')).status).toBe(200);
    });
  }
});

describe('what counts as a usable admin', () => {
  it('a second admin whose key has expired does not count', async () => {
    await secondAdmin({ ttl: '1h' });
    server.clock.advance(2 * 3_600_000);
    const res = await admin('POST', `${base}/keys/${self.keyId}/revoke`);
    expect([res.status, res.body.code]).toEqual([409, 'last_admin']);
  });

  it('a disabled second admin does not count', async () => {
    const other = await secondAdmin();
    expect((await admin('POST', `${base}/service-accounts/${other.id}/disable`)).status).toBe(200);
    expect((await admin('DELETE', `${base}/service-accounts/${self.id}`)).body.code).toBe('last_admin');
  });

  it('an admin may remove another admin as long as one usable admin is left, then not itself', async () => {
    const other = await secondAdmin();
    expect((await admin('POST', `${base}/keys/${other.keyId}/revoke`)).status).toBe(200);
    expect((await admin('PUT', `${base}/service-accounts/${self.id}/roles`, { roles: [] })).body.code).toBe('last_admin');
  });

  it('the second admin can take over: the first may then leave', async () => {
    const other = await secondAdmin();
    expect((await other.call('DELETE', `${base}/service-accounts/${self.id}`)).status).toBe(204);
    expect((await admin('GET', '/v1/whoami')).status).toBe(401);
    // Now the second admin is the last one.
    expect((await other.call('POST', `${base}/keys/${other.keyId}/revoke`)).body.code).toBe('last_admin');
  });

  it('changes to non-admin accounts never trip the check', async () => {
    const sa = (await admin('POST', `${base}/service-accounts`, { name: 'plain' })).body;
    const key = (await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'k' })).body;
    expect((await admin('POST', `${base}/keys/${key.id}/revoke`)).status).toBe(200);
    expect((await admin('DELETE', `${base}/service-accounts/${sa.id}`)).status).toBe(204);
  });
});
