// People on PostgreSQL, with two replicas sharing one database: the sign-in lockout counts
// failures across replicas, concurrent personal-key creates never exceed the limit of 5,
// and the last admin (a user) cannot remove itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { initOrganization } from '../../server/init.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { httpClient } from '../helpers/server.ts';
import { invite, newMember, tokenOf } from '../helpers/people.ts';

const PASSWORD = 'a long enough password';
const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
let postgres: TestPostgres;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  postgres = await startPostgres();
  const options = {
    database: postgres.url,
    port: 0,
    logLevel: 'warn',
    validateResponses: true,
    clock,
    rateLimits: { client: null, key: null, authFailures: null },
  };
  a = await startServer(options);
  b = await startServer(options);
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  postgres?.stop();
});

describe('people on PostgreSQL', () => {
  it('locks an email after 5 failures spread over two replicas, until 15 minutes pass', async () => {
    const admin = httpClient(a.url, (await initOrganization({ database: postgres.url, org: 'pg-lock', clock })).token!);
    await newMember(a.url, admin, 'pg-lock', 'lee@example.com', 'reader', PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? a : b;
      statuses.push((await httpClient(server.url)('POST', '/v1/session', { email: 'lee@example.com', password: `wrong ${i}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await httpClient(b.url)('POST', '/v1/session', { email: 'lee@example.com', password: PASSWORD })).status).toBe(423);
    clock.advance(15 * 60_000 + 1_000);
    expect((await httpClient(b.url)('POST', '/v1/session', { email: 'lee@example.com', password: PASSWORD })).status).toBe(200);
  });

  it('8 concurrent personal-key creates on two replicas: exactly 5 succeed', async () => {
    const admin = httpClient(a.url, (await initOrganization({ database: postgres.url, org: 'pg-keys', clock })).token!);
    const kim = await newMember(a.url, admin, 'pg-keys', 'kim@example.com', 'member', PASSWORD);
    const onB = (method: string, path: string, body: unknown) => httpClient(b.url)(method, path, body, { cookie: kim.cookie, 'x-csrf-token': kim.csrf });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? kim.call : onB)('POST', '/v1/me/keys', { label: `k-${i}` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'key_limit_reached')).toBe(true);
    expect((await kim.call('GET', '/v1/me/keys?status=active')).body.items).toHaveLength(5);
  });

  it('the only admin left, a user, cannot remove itself', async () => {
    const bootstrap = httpClient(a.url, (await initOrganization({ database: postgres.url, org: 'pg-admin', clock })).token!);
    const uma = await newMember(a.url, bootstrap, 'pg-admin', 'uma@example.com', 'admin', PASSWORD);
    const self = (await bootstrap('GET', '/v1/whoami')).body.principal.id;
    expect((await uma.call('DELETE', `/v1/orgs/pg-admin/service-accounts/${self}`)).status).toBe(204);
    const removal = await uma.call('DELETE', `/v1/orgs/pg-admin/users/${uma.body.user.id}`);
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe('last_admin');
  });

  it('one invitation accepted at once on two replicas: exactly one wins, one user exists', async () => {
    const admin = httpClient(a.url, (await initOrganization({ database: postgres.url, org: 'pg-invite', clock })).token!);
    const token = tokenOf(await invite(admin, 'pg-invite', 'ivy@example.com', 'reader'));
    const accept = (server: RunningServer) => httpClient(server.url)('POST', '/v1/invitations/accept', { token, display_name: 'Ivy', password: PASSWORD });
    const results = await Promise.all([accept(a), accept(b), accept(a), accept(b)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await admin('GET', '/v1/orgs/pg-invite/users?email=ivy@example.com')).body.items).toHaveLength(1);
  });
});
