// Authentication caching on (the server's default): a cached key is refused on the very
// next request after a revoke, a disable, an account delete, a role change or a custom
// role's change, and at its expiry by the clock; ids filters and bulk page sizes work;
// last_used_at writes are coalesced and flushed on shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import type { Storage } from '../../server/storage/types.ts';
import { UsageRecorder } from '../../server/usage-recorder.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../server/clock.ts';
import { initOrganization } from '../../server/init.ts';
import { startServer } from '../../server/start.ts';

let server: TestServer;
let admin: ReturnType<typeof httpClient>;

beforeAll(async () => {
  server = await startTestServer();
  admin = httpClient(server.url, server.adminToken);
});
afterAll(async () => {
  await server?.close();
});

/** A fresh account holding `roles`, and a key of it whose cache entry is warm. */
async function warmKey(name: string, roles: string[], body: Record<string, unknown> = {}) {
  const sa = (await admin('POST', '/v1/orgs/acme/service-accounts', { name })).body;
  await admin('PUT', `/v1/orgs/acme/service-accounts/${sa.id}/roles`, { roles });
  const key = (await admin('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'k', ...body })).body;
  const as = httpClient(server.url, key.secret);
  for (let i = 0; i < 3; i++) {
    expect((await as('GET', '/v1/whoami')).status).toBe(200);
  }
  return { sa, key, as };
}

describe('authentication cache', () => {
  it('refuses a revoked key on the next request', async () => {
    const { key, as } = await warmKey('revoke-me', ['reader']);
    expect((await admin('POST', `/v1/orgs/acme/keys/${key.id}/revoke`, {})).status).toBe(200);
    expect((await as('GET', '/v1/whoami')).status).toBe(401);
  });

  it('refuses a key revoked by another process on the same database on the next request', async () => {
    // What `warden recover` or a second server on the same file would do: write through its
    // own connection, which this server only learns of through SQLite's shared WAL index.
    const { sa, as } = await warmKey('revoked-elsewhere', ['reader']);
    const file = join(server.dataDir, 'warden.db');
    const storageModule = new URL('../../server/storage/sqlite.ts', import.meta.url).href;
    const revokeElsewhere = `
      import { SqliteStorage } from ${JSON.stringify(storageModule)};
      const storage = new SqliteStorage(${JSON.stringify(file)});
      const revoked = await storage.transaction((tx) => tx.keys.revokeAll(${JSON.stringify(sa.id)}, '2000-01-01T00:00:00.000Z'));
      await storage.close();
      console.log(revoked);`;
    expect(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', revokeElsewhere], { encoding: 'utf8' }).trim()).toBe('1');
    expect((await as('GET', '/v1/whoami')).status).toBe(401);
  });

  it('accepts a key after another process changed something else, and refuses it once its own change lands', async () => {
    const { sa, as } = await warmKey('elsewhere-later', ['reader']);
    const other = new SqliteStorage(join(server.dataDir, 'warden.db'));
    try {
      // A commit that leaves this key alone: the next request reads the version again and passes.
      await other.transaction((tx) => tx.keys.touch('key_unrelated', '2000-01-01T00:00:00.000Z'));
      expect((await as('GET', '/v1/whoami')).status).toBe(200);
      expect((await as('GET', '/v1/whoami')).status).toBe(200);
      await other.transaction((tx) => tx.keys.revokeAll(sa.id, '2000-01-01T00:00:00.000Z'));
      expect((await as('GET', '/v1/whoami')).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('honours a grace period and then refuses the key by the clock alone', async () => {
    const { key, as } = await warmKey('grace-me', ['reader']);
    await admin('POST', `/v1/orgs/acme/keys/${key.id}/revoke`, { grace_period: '1h' });
    expect((await as('GET', '/v1/whoami')).status).toBe(200);
    server.clock.advance(3_600_001);
    expect((await as('GET', '/v1/whoami')).status).toBe(401);
  });

  it('refuses an expired key by the clock alone', async () => {
    const { as } = await warmKey('expire-me', ['reader'], { ttl: '2m' });
    server.clock.advance(119_000);
    expect((await as('GET', '/v1/whoami')).status).toBe(200);
    server.clock.advance(1_000);
    expect((await as('GET', '/v1/whoami')).status).toBe(401);
  });

  it('refuses the keys of a disabled account, and accepts them again on enable', async () => {
    const { sa, as } = await warmKey('disable-me', ['reader']);
    await admin('POST', `/v1/orgs/acme/service-accounts/${sa.id}/disable`);
    expect((await as('GET', '/v1/whoami')).status).toBe(401);
    await admin('POST', `/v1/orgs/acme/service-accounts/${sa.id}/enable`);
    expect((await as('GET', '/v1/whoami')).status).toBe(200);
  });

  it('refuses the keys of a deleted account', async () => {
    const { sa, as } = await warmKey('delete-me', ['reader']);
    expect((await admin('DELETE', `/v1/orgs/acme/service-accounts/${sa.id}`)).status).toBe(204);
    expect((await as('GET', '/v1/whoami')).status).toBe(401);
  });

  it('applies a removed or granted role on the next request', async () => {
    const { sa, as } = await warmKey('role-change', ['reader']);
    expect((await as('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);
    const assignment = (await admin('GET', `/v1/orgs/acme/role-assignments?service_account_id=${sa.id}`)).body.items[0];
    await admin('DELETE', `/v1/orgs/acme/role-assignments/${assignment.id}`);
    expect((await as('GET', '/v1/orgs/acme/service-accounts')).status).toBe(403);
    await admin('POST', '/v1/orgs/acme/role-assignments', { service_account_id: sa.id, role: 'reader' });
    expect((await as('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);
    await admin('PUT', `/v1/orgs/acme/service-accounts/${sa.id}/roles`, { roles: ['snapshotter'] });
    expect((await as('GET', '/v1/orgs/acme/service-accounts')).status).toBe(403);
  });

  it("applies a custom role's new permissions on the next request", async () => {
    await admin('POST', '/v1/orgs/acme/roles', { name: 'lister', permissions: ['service_accounts:read'] });
    const { as } = await warmKey('custom-role', ['lister']);
    expect((await as('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);
    await admin('PATCH', '/v1/orgs/acme/roles/lister', { permissions: ['keys:read'] });
    expect((await as('GET', '/v1/orgs/acme/service-accounts')).status).toBe(403);
    expect((await as('GET', '/v1/orgs/acme/keys')).status).toBe(200);
  });
});

describe('bulk lists', () => {
  it('serve pages of up to 1000 and filter by ids', async () => {
    const keys = (await admin('GET', '/v1/orgs/acme/keys?limit=1000')).body.items as { id: string }[];
    expect(keys.length).toBeGreaterThan(3);
    const chosen = [keys[0]!.id, keys[2]!.id];
    const byIds = (await admin('GET', `/v1/orgs/acme/keys?ids=${chosen.join(',')}`)).body.items.map((k: { id: string }) => k.id);
    expect(byIds.sort()).toEqual([...chosen].sort());
    const assignments = (await admin('GET', '/v1/orgs/acme/role-assignments?limit=1000')).body.items as { id: string }[];
    const one = (await admin('GET', `/v1/orgs/acme/role-assignments?ids=${assignments[1]!.id},ra_00000000000000000000`)).body.items;
    expect(one.map((a: { id: string }) => a.id)).toEqual([assignments[1]!.id]);
    expect((await admin('GET', '/v1/orgs/acme/service-accounts?limit=1000')).status).toBe(200);
    const tooMany = await admin('GET', '/v1/orgs/acme/keys?limit=1001');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('invalid_request');
    const badIds = await admin('GET', '/v1/orgs/acme/keys?ids=sa_00000000000000000000');
    expect(badIds.status).toBe(400);
    expect(badIds.body.errors[0].field).toBe('query.ids');
  });
});

describe('last_used_at', () => {
  it('is written once per key per flush, and forward only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-usage-'));
    const real = new SqliteStorage(join(dir, 'warden.db'));
    let touches = 0;
    const counting = new Proxy(real, {
      get(target, property, receiver) {
        if (property === 'transaction') {
          return (fn: Parameters<Storage['transaction']>[0]) =>
            target.transaction((tx) =>
              fn({
                ...tx,
                keys: {
                  ...tx.keys,
                  touch: async (id: string, at: string) => {
                    touches++;
                    return tx.keys.touch(id, at);
                  },
                },
              }),
            );
        }
        return Reflect.get(target, property, receiver);
      },
    }) as Storage;
    const usage = new UsageRecorder(counting, 60_000);
    for (let i = 0; i < 100; i++) {
      usage.record('key_a', new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
      usage.record('key_b', '2026-01-01T00:00:00.000Z');
    }
    usage.record('key_a', '2025-01-01T00:00:00.000Z');
    await usage.close();
    expect(touches).toBe(2);
    await real.close();
  });

  it('reaches storage when the server shuts down', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warden-usage-'));
    const clock = new ManualClock(Date.parse('2026-03-01T00:00:00Z'));
    const init = await initOrganization({ dataDir, org: 'acme', clock });
    const running = await startServer({ dataDir, port: 0, clock, logLevel: 'warn' });
    const me = (await httpClient(running.url, init.token!)('GET', '/v1/whoami')).body;
    expect(me.key.last_used_at).toBe('2026-03-01T00:00:00.000Z');
    await running.close();
    const storage = new SqliteStorage(join(dataDir, 'warden.db'));
    expect((await storage.keys.get(me.organization.id, me.key.id))?.last_used_at).toBe('2026-03-01T00:00:00.000Z');
    await storage.close();
  });
});
