// The SDK against a real server (SQLite, port 0): paging, typed errors with problem
// codes, ETag / If-Match, idempotent creates, and every resource group once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardenApiError, collect, createWardenClient, etagOf, type WardenClient } from '../../sdk/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let client: WardenClient;

beforeAll(async () => {
  server = await startTestServer();
  // No organization given: the client asks whoami for the key's own.
  client = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, userAgent: 'sdk-e2e' });
});
afterAll(() => server?.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a WardenApiError'),
    (e: unknown) => e as WardenApiError,
  );

describe('SDK against the real server', () => {
  it('knows who it is and in which organization', async () => {
    const me = await client.whoami();
    expect(me.principal.name).toBe('bootstrap-admin');
    expect(await client.organization()).toBe(server.org);
    expect((await client.permissions()).map((p) => p.name)).toContain('keys:write');
  });

  it('iterates across pages', async () => {
    for (let i = 0; i < 5; i++) {
      await client.serviceAccounts.create({ name: `paged-${i}` });
    }
    const first = await client.serviceAccounts.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).toBeTruthy();
    const names: string[] = [];
    for await (const sa of client.serviceAccounts.iterate({ limit: 2 })) {
      names.push(sa.name);
    }
    expect(names).toEqual(['bootstrap-admin', 'paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']);
    expect((await collect(client.serviceAccounts.iterate({ name: 'paged-3' }))).map((s) => s.name)).toEqual(['paged-3']);
  });

  it('maps problems to WardenApiError with the stable code and the field', async () => {
    const taken = await failure(client.serviceAccounts.create({ name: 'paged-0' }));
    expect([taken.status, taken.code]).toEqual([409, 'name_taken']);
    const missing = await failure(client.serviceAccounts.get('sa_00000000000000000000'));
    expect([missing.status, missing.code]).toEqual([404, 'not_found']);
    const sa = (await client.serviceAccounts.findByName('paged-1'))!;
    const badTtl = await failure(client.keys.create(sa.id, { label: 'x', ttl: '90x' }));
    expect([badTtl.status, badTtl.code]).toEqual([400, 'invalid_request']);
    expect(badTtl.fieldErrors.map((f) => f.field)).toContain('body.ttl');
  });

  it('turns a concurrent change into version_conflict with If-Match', async () => {
    const sa = (await client.serviceAccounts.findByName('paged-2'))!;
    const { data, etag } = await client.serviceAccounts.get(sa.id);
    expect(etag).toBe(etagOf(data.version));
    const updated = await client.serviceAccounts.update(sa.id, { description: 'first writer' }, etag);
    expect(updated.etag).toBe(etagOf(data.version + 1));
    const stale = await failure(client.serviceAccounts.update(sa.id, { description: 'second writer' }, etag));
    expect([stale.status, stale.code]).toEqual([412, 'version_conflict']);
    expect((await client.serviceAccounts.get(sa.id)).data.description).toBe('first writer');
  });

  it('replays a create with the same Idempotency-Key instead of issuing a second key', async () => {
    const sa = (await client.serviceAccounts.findByName('paged-4'))!;
    const first = await client.keys.create(sa.id, { label: 'gha', ttl: '90d' }, 'create-gha-1');
    const again = await client.keys.create(sa.id, { label: 'gha', ttl: '90d' }, 'create-gha-1');
    expect(again.id).toBe(first.id);
    expect(first.secret).toMatch(/^wdn_/);
    expect(await collect(client.keys.iterate({ serviceAccountId: sa.id }))).toHaveLength(1);
    const keyClient = createWardenClient({ endpoint: server.url, apiKey: first.secret! });
    expect((await keyClient.whoami()).principal.name).toBe('paged-4');
    const revoked = await client.keys.revoke(first.id);
    expect(revoked.status).toBe('revoked');
    expect((await failure(keyClient.whoami())).code).toBe('unauthenticated');
  });

  it('manages roles, assignments, role sets, disable/enable, delete and the audit trail', async () => {
    const sa = (await client.serviceAccounts.findByName('paged-0'))!;
    const role = await client.roles.create({ name: 'auditor', description: 'reads audit', permissions: ['audit:read'] });
    expect(role.etag).toBe('"1"');
    const grant = await client.assignments.grant(sa.id, 'auditor');
    expect((await client.assignments.list({ serviceAccountId: sa.id })).items.map((a) => a.role)).toEqual(['auditor']);
    expect((await failure(client.roles.delete('auditor'))).code).toBe('role_in_use');
    await client.assignments.revoke(grant.id);
    expect((await client.roleSets.set(sa.id, ['reader', 'member'])).roles.sort()).toEqual(['member', 'reader']);
    expect((await client.roleSets.get(sa.id)).roles.sort()).toEqual(['member', 'reader']);
    await client.roles.update('auditor', { description: 'reads the audit trail' }, role.etag);
    await client.roles.delete('auditor');
    expect((await client.serviceAccounts.disable(sa.id)).data.disabled).toBe(true);
    expect((await client.serviceAccounts.enable(sa.id)).data.disabled).toBe(false);
    await client.serviceAccounts.delete(sa.id);
    expect((await failure(client.serviceAccounts.get(sa.id))).code).toBe('not_found');
    const actions = (await collect(client.audit.iterate({ target_id: sa.id }))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['service_account.create', 'service_account.disable', 'service_account.enable', 'service_account.delete']));
    expect(server.logText()).not.toContain(server.adminToken);
  });
});
