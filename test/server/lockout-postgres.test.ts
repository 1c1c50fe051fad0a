// The last-admin invariant on PostgreSQL with two replicas: two admins that remove
// themselves at the same moment on different replicas cannot both succeed, and
// `recover` works on a PostgreSQL database too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrganization } from '../../server/init.ts';
import { recoverOrganization } from '../../server/recover.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { httpClient } from '../helpers/server.ts';

let postgres: TestPostgres;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  postgres = await startPostgres();
  [a, b] = await Promise.all([
    startServer({ database: postgres.url, port: 0, logLevel: 'warn', validateResponses: true }),
    startServer({ database: postgres.url, port: 0, logLevel: 'warn', validateResponses: true }),
  ]);
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  postgres?.stop();
});

/** A fresh organization with two admins, each with one key. */
async function twoAdmins(org: string) {
  const token = (await initOrganization({ database: postgres.url, org })).token!;
  const first = httpClient(a.url, token);
  const sa = (await first('POST', `/v1/orgs/${org}/service-accounts`, { name: 'second-admin' })).body;
  await first('PUT', `/v1/orgs/${org}/service-accounts/${sa.id}/roles`, { roles: ['admin'] });
  const secret = (await first('POST', `/v1/orgs/${org}/service-accounts/${sa.id}/keys`, { label: 'k' })).body.secret as string;
  return { first, firstId: (await first('GET', '/v1/whoami')).body.principal.id as string, second: httpClient(b.url, secret), secondId: sa.id as string };
}

describe('last admin on PostgreSQL', () => {
  it('two admins removing themselves at once on two replicas: exactly one succeeds, each round', async () => {
    for (let round = 1; round <= 4; round++) {
      const org = `race-${round}`;
      const { first, firstId, second, secondId } = await twoAdmins(org);
      const results = await Promise.all([
        first('PUT', `/v1/orgs/${org}/service-accounts/${firstId}/roles`, { roles: [] }),
        second('POST', `/v1/orgs/${org}/service-accounts/${secondId}/disable`),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('last_admin');
      const admins = (await Promise.all([first('GET', '/v1/whoami'), second('GET', '/v1/whoami')])).filter(
        (r) => r.status === 200 && r.body.roles.includes('admin'),
      );
      expect(admins).toHaveLength(1);
    }
  }, 120_000);

  it('recover issues a working admin key on PostgreSQL', async () => {
    const token = (await initOrganization({ database: postgres.url, org: 'locked' })).token!;
    const admin = httpClient(a.url, token);
    const self = (await admin('GET', '/v1/whoami')).body;
    expect((await admin('POST', `/v1/orgs/locked/keys/${self.key.id}/revoke`)).body.code).toBe('last_admin');
    let delivered = '';
    const result = await recoverOrganization({ database: postgres.url, org: 'locked', deliver: (t) => (delivered = t) });
    expect(result).toMatchObject({ created: true, grantedAdmin: true, principal: { name: 'recovery-admin' } });
    expect(result.message).not.toContain(delivered);
    expect((await httpClient(b.url, delivered)('GET', '/v1/whoami')).body.roles).toEqual(['admin']);
    await expect(recoverOrganization({ database: postgres.url, org: 'missing', deliver: () => undefined })).rejects.toThrow(
      /Organization "missing" does not exist in postgres:/,
    );
  }, 60_000);
});
