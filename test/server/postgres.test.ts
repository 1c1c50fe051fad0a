// PostgreSQL storage: two server replicas on one database behave as one service — a key
// issued by one authenticates on the other, a disable on one stops the key on the other,
// the 50-key limit holds under concurrent creates across replicas without any 5xx, and an
// idempotent retry on the other replica gets the same secret back.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrganization } from '../../server/init.ts';
import { advisoryKey } from '../../server/storage/postgres.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { httpClient } from '../helpers/server.ts';

let postgres: TestPostgres;
let a: RunningServer;
let b: RunningServer;
let token: string;

beforeAll(async () => {
  postgres = await startPostgres();
  [a, b] = await Promise.all([
    startServer({ database: postgres.url, port: 0, logLevel: 'warn', validateResponses: true }),
    startServer({ database: postgres.url, port: 0, logLevel: 'warn', validateResponses: true }),
  ]);
  const init = await initOrganization({ database: postgres.url, org: 'acme' });
  token = init.token!;
  expect((await initOrganization({ database: postgres.url, org: 'acme' })).created).toBe(false);
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  postgres?.stop();
});

describe('PostgreSQL storage with two replicas', () => {
  it('reports postgres in /healthz', async () => {
    expect((await httpClient(a.url)('GET', '/healthz')).body).toEqual({ status: 'ok', storage: 'postgres' });
  });

  it('shares accounts, keys and disables between replicas', async () => {
    const onA = httpClient(a.url, token);
    const onB = httpClient(b.url, token);
    const sa = (await onA('POST', '/v1/orgs/acme/service-accounts', { name: 'ci-bot' })).body;
    expect((await onB('GET', `/v1/orgs/acme/service-accounts/${sa.id}`)).body.name).toBe('ci-bot');
    expect((await onB('POST', '/v1/orgs/acme/service-accounts', { name: 'ci-bot' })).body.code).toBe('name_taken');
    const key = (await onA('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'gha', ttl: '1d' })).body;
    expect((await httpClient(b.url, key.secret)('GET', '/v1/whoami')).status).toBe(200);
    await onB('POST', `/v1/orgs/acme/service-accounts/${sa.id}/disable`);
    expect((await httpClient(a.url, key.secret)('GET', '/v1/whoami')).status).toBe(401);
    const events = await onA('GET', `/v1/orgs/acme/audit-events?target_id=${sa.id}`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['service_account.disable', 'service_account.create']);
  });

  it('refuses a key cached on one replica right after a revoke, disable or role change on the other', async () => {
    const onA = httpClient(a.url, token);
    const onB = httpClient(b.url, token);
    const sa = (await onA('POST', '/v1/orgs/acme/service-accounts', { name: 'cached-bot' })).body;
    await onA('PUT', `/v1/orgs/acme/service-accounts/${sa.id}/roles`, { roles: ['reader'] });
    const issue = async (label: string) => {
      const key = (await onA('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label })).body;
      const [viaA, viaB] = [httpClient(a.url, key.secret), httpClient(b.url, key.secret)];
      for (const via of [viaA, viaB, viaA, viaB]) {
        expect((await via('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);
      }
      return { key, viaA, viaB };
    };
    const revoked = await issue('revoked');
    await onB('POST', `/v1/orgs/acme/keys/${revoked.key.id}/revoke`, {});
    expect((await revoked.viaA('GET', '/v1/whoami')).status).toBe(401);
    expect((await revoked.viaB('GET', '/v1/whoami')).status).toBe(401);

    const live = await issue('live');
    await onB('PUT', `/v1/orgs/acme/service-accounts/${sa.id}/roles`, { roles: ['snapshotter'] });
    expect((await live.viaA('GET', '/v1/orgs/acme/service-accounts')).status).toBe(403);
    await onA('PUT', `/v1/orgs/acme/service-accounts/${sa.id}/roles`, { roles: ['reader'] });
    expect((await live.viaB('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);

    await onA('POST', `/v1/orgs/acme/service-accounts/${sa.id}/disable`);
    expect((await live.viaB('GET', '/v1/whoami')).status).toBe(401);
    await onB('POST', `/v1/orgs/acme/service-accounts/${sa.id}/enable`);
    expect((await live.viaA('GET', '/v1/whoami')).status).toBe(200);
  });

  it('keeps the 50-key limit under concurrent creates on both replicas', async () => {
    const onA = httpClient(a.url, token);
    const onB = httpClient(b.url, token);
    const sa = (await onA('POST', '/v1/orgs/acme/service-accounts', { name: 'busy-bot' })).body;
    const attempts = Array.from({ length: 60 }, (_, i) => (i % 2 ? onA : onB)('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: `k${i}` }));
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    const listed = await onA('GET', `/v1/orgs/acme/service-accounts/${sa.id}/keys?status=active&limit=200`);
    expect(listed.body.items).toHaveLength(50);
  });

  it('holds exactly 50 active keys with no 5xx: 2 replicas × 16 concurrent creators, 8 rounds', async () => {
    const onA = httpClient(a.url, token);
    const onB = httpClient(b.url, token);
    const sa = (await onA('POST', '/v1/orgs/acme/service-accounts', { name: 'contended-bot' })).body;
    const keysPath = `/v1/orgs/acme/service-accounts/${sa.id}/keys`;
    for (let round = 0; round < 8; round++) {
      // Each creator issues keys one after another until the limit answers 409.
      const creator = async (client: typeof onA, name: string) => {
        const statuses: number[] = [];
        for (let i = 0; ; i++) {
          const res = await client('POST', keysPath, { label: `r${round}-${name}-${i}` });
          statuses.push(res.status);
          if (res.status !== 201) {
            return statuses;
          }
        }
      };
      const creators = Array.from({ length: 32 }, (_, i) => creator(i % 2 ? onA : onB, `c${i}`));
      const statuses = (await Promise.all(creators)).flat();
      expect(
        statuses.filter((s) => s >= 500),
        `round ${round}`,
      ).toEqual([]);
      expect(
        statuses.filter((s) => s === 201),
        `round ${round}`,
      ).toHaveLength(50);
      expect(new Set(statuses)).toEqual(new Set([201, 409]));
      const active = (await onB('GET', `${keysPath}?status=active&limit=200`)).body.items as { id: string }[];
      expect(active, `round ${round}`).toHaveLength(50);
      // Concurrent revokes in one organization, on both replicas: every one succeeds.
      const revokes = await Promise.all(active.map((k, i) => (i % 2 ? onA : onB)('POST', `/v1/orgs/acme/keys/${k.id}/revoke`)));
      expect(
        revokes.map((r) => r.status).filter((status) => status !== 200),
        `round ${round}`,
      ).toEqual([]);
      expect((await onA('GET', `${keysPath}?status=active&limit=200`)).body.items).toHaveLength(0);
    }
  }, 120_000);

  it('replays an idempotent key create on the other replica with the same secret', async () => {
    const onA = httpClient(a.url, token);
    const onB = httpClient(b.url, token);
    const sa = (await onA('POST', '/v1/orgs/acme/service-accounts', { name: 'replayed-bot' })).body;
    const headers = { 'idempotency-key': 'replica-replay-0001-9f3c' };
    const first = await onA('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'gha' }, headers);
    expect(first.status).toBe(201);
    const second = await onB('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'gha' }, headers);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.secret).toBe(first.body.secret);
  });

  it('answers 503 with Retry-After, changing nothing, when a write cannot get its lock in time', async () => {
    const impatient = await startServer({ database: `${postgres.url}?lock_timeout=300`, port: 0, logLevel: 'warn', validateResponses: true });
    const holder = new pg.Client({ connectionString: postgres.url });
    await holder.connect();
    try {
      const api = httpClient(impatient.url, token);
      const sa = (await api('POST', '/v1/orgs/acme/service-accounts', { name: 'locked-bot' })).body;
      // Another writer holds the account's key-creation lock for longer than the timeout.
      await holder.query('SELECT pg_advisory_lock($1)', [advisoryKey(`principal:${sa.id}`)]);
      const busy = await api('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'waits' });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('content-type')).toContain('application/problem+json');
      expect(busy.body.code).toBe('unavailable');
      expect(busy.headers.get('retry-after')).toBe('1');
      expect((await api('GET', `/v1/orgs/acme/service-accounts/${sa.id}/keys`)).body.items).toEqual([]);
      await holder.query('SELECT pg_advisory_unlock($1)', [advisoryKey(`principal:${sa.id}`)]);
      expect((await api('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'waits' })).status).toBe(201);
    } finally {
      await holder.end();
      await impatient.close();
    }
  });
});
