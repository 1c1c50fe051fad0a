// People through the API: members and their roles, escalation and last-admin rules for
// users, personal keys (the limit of 5, acting across organizations with each one's roles,
// revoked when the user is removed everywhere) and audit events that name the user.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth.ts';
import { initOrganization } from '../../server/init.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { invite, newMember, signInWith, tokenOf, type SignedIn } from '../helpers/people.ts';

const PASSWORD = 'a long enough password';
let server: TestServer;
let acme: ReturnType<typeof httpClient>;
let beta: ReturnType<typeof httpClient>;
let ada: SignedIn;
let adaId: string;

beforeAll(async () => {
  server = await startTestServer();
  acme = httpClient(server.url, server.adminToken);
  beta = httpClient(server.url, (await initOrganization({ dataDir: server.dataDir, org: 'beta', clock: server.clock })).token!);
  await initOrganization({ dataDir: server.dataDir, org: 'gamma', clock: server.clock });
  ada = await newMember(server.url, acme, 'acme', 'ada@example.com', 'admin', PASSWORD);
  adaId = ada.body.user.id;
  // An existing user accepts a second organization's invitation with their own password.
  const url = await invite(beta, 'beta', 'ada@example.com', 'reader');
  const wrong = await httpClient(server.url)('POST', '/v1/invitations/accept', { token: tokenOf(url), password: 'somebody else entirely' });
  expect(wrong.status).toBe(401);
  await signInWith(server.url, '/v1/invitations/accept', { token: tokenOf(url), password: PASSWORD });
});
afterAll(() => server.close());

describe('members', () => {
  it('lists members with their roles, filtered by email case-insensitively', async () => {
    const page = await acme('GET', '/v1/orgs/acme/users?email=ADA@example.com');
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([expect.objectContaining({ id: adaId, email: 'ada@example.com', display_name: 'ada', roles: ['admin'] })]);
    expect((await acme('GET', `/v1/orgs/acme/users/${adaId}`)).body.roles).toEqual(['admin']);
    // Users are not service accounts.
    expect((await acme('GET', '/v1/orgs/acme/service-accounts')).body.items.map((s: any) => s.name)).not.toContain('ada@example.com');
  });

  it('keeps users’ roles out of the service accounts’ role-assignment list', async () => {
    const listed = await acme('GET', '/v1/orgs/acme/role-assignments?limit=200');
    expect(listed.status).toBe(200);
    expect(listed.body.items.every((a: any) => a.service_account_id.startsWith('sa_'))).toBe(true);
  });

  it('a member cannot invite an admin (403 privilege_escalation) but may be given users:read only', async () => {
    const mia = await newMember(server.url, acme, 'acme', 'mia@example.com', 'member', PASSWORD);
    const refused = await mia.call('POST', '/v1/orgs/acme/invitations', { email: 'eve@example.com', role: 'admin' });
    expect(refused.status).toBe(403);
    expect((await mia.call('GET', '/v1/orgs/acme/users')).status).toBe(200);
    expect((await acme('GET', '/v1/orgs/acme/invitations')).body.items.map((i: any) => i.email)).not.toContain('eve@example.com');
  });

  it('a member cannot make itself admin or demote an admin', async () => {
    const max = await newMember(server.url, acme, 'acme', 'max@example.com', 'member', PASSWORD);
    const self = await max.call('PUT', `/v1/orgs/acme/users/${max.body.user.id}/roles`, { roles: ['admin'] });
    expect(self.status).toBe(403);
    const demote = await max.call('PUT', `/v1/orgs/acme/users/${adaId}/roles`, { roles: ['reader'] });
    expect(demote.status).toBe(403);
    expect((await acme('GET', `/v1/orgs/acme/users/${adaId}`)).body.roles).toEqual(['admin']);
  });

  it('the last admin of an organization — user or service account — cannot be demoted or removed', async () => {
    const org = 'solo';
    const bootstrap = httpClient(server.url, (await initOrganization({ dataDir: server.dataDir, org, clock: server.clock })).token!);
    const zoe = await newMember(server.url, bootstrap, org, 'zoe@example.com', 'admin', PASSWORD);
    const zoeId = zoe.body.user.id;
    // Two admins: the bootstrap service account and Zoe. The service account leaves.
    const self = (await bootstrap('GET', '/v1/whoami')).body.principal.id;
    expect((await zoe.call('DELETE', `/v1/orgs/${org}/service-accounts/${self}`)).status).toBe(204);
    const demote = await zoe.call('PUT', `/v1/orgs/${org}/users/${zoeId}/roles`, { roles: ['member'] });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');
    const removal = await zoe.call('DELETE', `/v1/orgs/${org}/users/${zoeId}`);
    expect(removal.status).toBe(409);
    expect((await zoe.call('GET', `/v1/orgs/${org}/users/${zoeId}`)).body.roles).toEqual(['admin']);
  });
});

describe('warden init --personal owners (no password)', () => {
  it('still count as admins only while they have a key: revoking the only one is refused', async () => {
    const token = (await initOrganization({ dataDir: server.dataDir, org: 'own-org', personal: true, clock: server.clock })).token!;
    const owner = httpClient(server.url, token);
    const storage = new SqliteStorage(join(server.dataDir, 'warden.db'));
    const keyId = (await storage.keys.byHash(hashToken(token)))!.id;
    await storage.close();
    const revoke = await owner('POST', `/v1/orgs/own-org/keys/${keyId}/revoke`);
    expect(revoke.status).toBe(409);
    expect(revoke.body.code).toBe('last_admin');
  });
});

describe('personal API keys', () => {
  let secret: string;

  it('are shown once in the wdn_ format, and a 6th active key is refused with 409 key_limit_reached', async () => {
    const created = await ada.call('POST', '/v1/me/keys', { label: 'laptop', description: 'my laptop', ttl: '30d' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^wdn_[0-9A-Za-z]{49}$/);
    secret = created.body.secret;
    for (let i = 2; i <= 5; i++) {
      expect((await ada.call('POST', '/v1/me/keys', { label: `key-${i}` })).status).toBe(201);
    }
    // Audited in every organization the key acts in, naming the user.
    for (const client of [acme, beta]) {
      const org = client === acme ? 'acme' : 'beta';
      const event = (await client('GET', `/v1/orgs/${org}/audit-events?target_id=${created.body.id}`)).body.items[0];
      expect(event).toMatchObject({ action: 'personal_key.create', principal: { type: 'user', name: 'ada@example.com' } });
      expect(JSON.stringify(event)).not.toContain(secret);
    }
    const sixth = await ada.call('POST', '/v1/me/keys', { label: 'key-6' });
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('key_limit_reached');
    const listed = (await ada.call('GET', '/v1/me/keys')).body.items;
    expect(listed).toHaveLength(5);
    expect(JSON.stringify(listed)).not.toContain(secret);
    // Revoking one makes room again.
    const revoked = await ada.call('POST', `/v1/me/keys/${listed[0].id}/revoke`);
    expect(revoked.body.status).toBe('revoked');
    expect((await ada.call('POST', '/v1/me/keys', { label: 'key-6' })).status).toBe(201);
  });

  it('act as the user in each organization with that organization’s roles, and nowhere else', async () => {
    const key = httpClient(server.url, secret);
    expect((await key('GET', '/v1/me')).body.user.email).toBe('ada@example.com');
    // acme: admin.
    const made = await key('POST', '/v1/orgs/acme/service-accounts', { name: 'via-personal-key' });
    expect(made.status).toBe(201);
    // beta: reader — may read, may not write.
    expect((await key('GET', '/v1/orgs/beta/service-accounts')).status).toBe(200);
    const write = await key('POST', '/v1/orgs/beta/service-accounts', { name: 'not-allowed' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('forbidden');
    // gamma: not a member — as if it did not exist.
    expect((await key('GET', '/v1/orgs/gamma/service-accounts')).status).toBe(404);
    // The audit trail of acme names the user, by the principal id the member list gives.
    const events = (await acme('GET', `/v1/orgs/acme/audit-events?target_id=${made.body.id}`)).body.items;
    expect(events[0].principal).toMatchObject({ type: 'user', name: 'ada@example.com' });
    const member = (await acme('GET', '/v1/orgs/acme/users?email=ada@example.com')).body.items[0];
    expect(member.principal_id).toMatch(/^mem_/);
    expect(events[0].principal.id).toBe(member.principal_id);
    const byMember = (await acme('GET', `/v1/orgs/acme/audit-events?principal_id=${member.principal_id}`)).body.items;
    expect(byMember.length).toBeGreaterThan(0);
    expect(byMember.every((e: { principal: { id: string } }) => e.principal.id === member.principal_id)).toBe(true);
  });

  it('stay out of the organization key API, even in the personal organization', async () => {
    const personal = (await ada.call('GET', '/v1/me')).body.memberships[0].organization.name;
    const listed = await ada.call('GET', `/v1/orgs/${personal}/keys`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    const mine = (await ada.call('GET', '/v1/me/keys')).body.items[0];
    expect((await ada.call('GET', `/v1/orgs/${personal}/keys/${mine.id}`)).status).toBe(404);
  });

  it('a service account key gets 403 on /v1/me', async () => {
    expect((await acme('GET', '/v1/me')).status).toBe(403);
  });

  it('removal from one organization ends access there; removal from the last one revokes the keys', async () => {
    const key = httpClient(server.url, secret);
    const fromBeta = await beta('DELETE', `/v1/orgs/beta/users/${adaId}`);
    expect(fromBeta.status).toBe(204);
    expect((await key('GET', '/v1/orgs/beta/service-accounts')).status).toBe(404);
    expect((await key('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);
    const removal = (await beta('GET', '/v1/orgs/beta/audit-events?action=user.remove')).body.items[0];
    expect(removal.target).toMatchObject({ type: 'user', id: adaId, name: 'ada@example.com' });
    expect(removal.details.revoked_personal_keys).toBe(0);

    expect((await acme('DELETE', `/v1/orgs/acme/users/${adaId}`)).status).toBe(204);
    expect((await key('GET', '/v1/me')).status).toBe(401);
    const last = (await acme('GET', '/v1/orgs/acme/audit-events?action=user.remove')).body.items[0];
    expect(last.details.revoked_personal_keys).toBe(5);
  });

  it('no key secret or password is in the logs or the database', () => {
    const logs = server.logText();
    const db = ['warden.db', 'warden.db-wal'].map((f) => readFileSync(join(server.dataDir, f)).toString('latin1')).join('');
    for (const text of [logs, db]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(12));
      expect(text).not.toContain(PASSWORD);
    }
  });
});

describe('the audit trail', () => {
  it('filters by time: since (inclusive) and until (exclusive)', async () => {
    const before = server.clock.now().toISOString();
    server.clock.advance(60_000);
    const made = await acme('POST', '/v1/orgs/acme/service-accounts', { name: 'timed' });
    const at = (await acme('GET', `/v1/orgs/acme/audit-events?target_id=${made.body.id}`)).body.items[0].occurred_at as string;
    server.clock.advance(60_000);
    const since = (await acme('GET', `/v1/orgs/acme/audit-events?since=${encodeURIComponent(at)}`)).body.items;
    expect(since.map((e: any) => e.target.id)).toEqual([made.body.id]);
    const until = (await acme('GET', `/v1/orgs/acme/audit-events?until=${encodeURIComponent(at)}&limit=200`)).body.items;
    expect(until.length).toBeGreaterThan(0);
    expect(until.every((e: any) => e.occurred_at < at && e.occurred_at <= before)).toBe(true);
    const bad = await acme('GET', '/v1/orgs/acme/audit-events?since=yesterday');
    expect(bad.status).toBe(400);
  });
});
