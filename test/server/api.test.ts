// End-to-end behaviour of the reference server over raw HTTP: every endpoint, the
// documented errors, key lifecycle, idempotency, ETags, and secrets kept out of storage
// and logs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrganization } from '../../server/init.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { mistyped } from '../helpers/tokens.ts';

let server: TestServer;
let admin: ReturnType<typeof httpClient>;
const issued: string[] = [];
const base = '/v1/orgs/acme';

async function newAccount(name: string) {
  const res = await admin('POST', `${base}/service-accounts`, { name, description: `${name} account` });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number };
}

async function newKey(accountId: string, body: Record<string, unknown> = { label: 'ci' }) {
  const res = await admin('POST', `${base}/service-accounts/${accountId}/keys`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (res.body.secret) {
    issued.push(res.body.secret);
  }
  return res.body as { id: string; secret: string; expires_at: string | null; prefix: string };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = httpClient(server.url, server.adminToken);
  issued.push(server.adminToken);
});
afterAll(async () => {
  await server.close();
});

describe('authentication', () => {
  it('accepts Bearer, Key and Basic (key as username) and refuses everything else identically', async () => {
    const token = server.adminToken;
    const schemes = [`Bearer ${token}`, `Key ${token}`, `Basic ${Buffer.from(`${token}:anything`).toString('base64')}`];
    for (const authorization of schemes) {
      const res = await httpClient(server.url)('GET', '/v1/whoami', undefined, { authorization });
      expect(res.status).toBe(200);
      expect(res.body.principal.name).toBe('bootstrap-admin');
    }
    const bad = ['', 'Bearer', `Bearer ${mistyped(token)}`, 'Bearer wdn_short', `Token ${token}`];
    const bodies = new Set<string>();
    for (const authorization of bad) {
      const res = await httpClient(server.url)('GET', '/v1/whoami', undefined, authorization ? { authorization } : {});
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      bodies.add(JSON.stringify(res.body));
    }
    expect(bodies.size).toBe(1);
  });

  it('records last_used_at and reports server time', async () => {
    const me = await admin('GET', '/v1/whoami');
    expect(me.body.key.last_used_at).toBe(server.clock.now().toISOString());
    expect(me.body.server_time).toBe(server.clock.now().toISOString());
    expect(me.body.permissions).toContain('role_assignments:write');
  });

  it('refuses a query parameter or a body on an operation that takes neither, naming it', async () => {
    const query = await admin('GET', '/v1/whoami?verbose=1');
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ field: 'query.verbose', message: 'is not a known field; remove it' }]);
    const body = await admin('DELETE', '/v1/session', {});
    expect(body.status).toBe(400);
    expect(body.body.errors).toEqual([{ field: 'body', message: 'this operation takes no body' }]);
  });
});

describe('service accounts', () => {
  it('creates, reads, lists by name with paging, updates with ETags, and refuses duplicates', async () => {
    const sa = await newAccount('ci-github-actions');
    expect(sa.id).toMatch(/^sa_[0-9a-z]{20}$/);
    const got = await admin('GET', `${base}/service-accounts/${sa.id}`);
    expect(got.headers.get('etag')).toBe('"1"');
    const dup = await admin('POST', `${base}/service-accounts`, { name: 'ci-github-actions' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('name_taken');

    const byName = await admin('GET', `${base}/service-accounts?name=ci-github-actions`);
    expect(byName.body.items.map((s: { id: string }) => s.id)).toEqual([sa.id]);
    await newAccount('paging-one');
    await newAccount('paging-two');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await admin('GET', `${base}/service-accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((s: { name: string }) => s.name));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['bootstrap-admin', 'ci-github-actions', 'paging-one', 'paging-two']));
    expect(new Set(seen).size).toBe(seen.length);

    const updated = await admin('PATCH', `${base}/service-accounts/${sa.id}`, { description: 'deploys' }, { 'if-match': '"1"' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await admin('PATCH', `${base}/service-accounts/${sa.id}`, { description: 'lost update' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_conflict');
    expect((await admin('GET', `${base}/service-accounts/${sa.id}`)).body.description).toBe('deploys');
  });

  it('disable stops every key at once and enable restores them', async () => {
    const sa = await newAccount('disable-me');
    const key = await newKey(sa.id);
    const asKey = httpClient(server.url, key.secret);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(200);
    expect((await admin('POST', `${base}/service-accounts/${sa.id}/disable`)).body.disabled).toBe(true);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(401);
    expect((await admin('POST', `${base}/service-accounts/${sa.id}/enable`)).body.disabled).toBe(false);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(200);
  });

  it('delete revokes every key, keeps the audit trail readable and frees the name', async () => {
    const sa = await newAccount('delete-me');
    const key = await newKey(sa.id);
    await admin('PUT', `${base}/service-accounts/${sa.id}/roles`, { roles: ['reader'] });
    const asKey = httpClient(server.url, key.secret);
    expect((await asKey('GET', `${base}/service-accounts`)).status).toBe(200);
    expect((await admin('DELETE', `${base}/service-accounts/${sa.id}`)).status).toBe(204);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(401);
    expect((await admin('GET', `${base}/service-accounts/${sa.id}`)).status).toBe(404);
    expect((await admin('GET', `${base}/keys/${key.id}`)).body.status).toBe('revoked');
    const events = await admin('GET', `${base}/audit-events?target_id=${sa.id}`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['service_account.delete', 'service_account.create']);
    expect(events.body.items[0].target.name).toBe('delete-me');
    expect((await admin('POST', `${base}/service-accounts`, { name: 'delete-me' })).status).toBe(201);
  });

  it('refuses service accounts in a personal organization', async () => {
    const personal = await initOrganization({ dataDir: server.dataDir, org: 'alice', personal: true, clock: server.clock });
    issued.push(personal.token!);
    const alice = httpClient(server.url, personal.token);
    const res = await alice('POST', '/v1/orgs/alice/service-accounts', { name: 'robot' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('organization_not_shared');
    // Another organization is invisible, not merely forbidden.
    expect((await alice('GET', `${base}/service-accounts`)).status).toBe(404);
  });
});

describe('API keys', () => {
  it('issues well-formed tokens shown once, with TTL expiry driven by the clock', async () => {
    const sa = await newAccount('ttl-account');
    const key = await newKey(sa.id, { label: 'short', ttl: '1h' });
    expect(key.secret).toMatch(/^wdn_[0-9A-Za-z]{49}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(Date.parse(key.expires_at!) - server.clock.now().getTime()).toBe(3_600_000);
    const fetched = await admin('GET', `${base}/keys/${key.id}`);
    expect(fetched.body).not.toHaveProperty('secret');
    const asKey = httpClient(server.url, key.secret);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(200);
    server.clock.advance(3_600_000);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(401);
    expect((await admin('GET', `${base}/keys/${key.id}`)).body.status).toBe('expired');
    const nonExpiring = await newKey(sa.id, { label: 'forever' });
    expect(nonExpiring.expires_at).toBeNull();
  });

  it('revokes now or after a grace period, and the earlier revocation wins', async () => {
    const sa = await newAccount('revoke-account');
    const key = await newKey(sa.id);
    const asKey = httpClient(server.url, key.secret);
    const graced = await admin('POST', `${base}/keys/${key.id}/revoke`, { grace_period: '10m' });
    expect(graced.body.status).toBe('active');
    server.clock.advance(9 * 60_000);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(200);
    const later = await admin('POST', `${base}/keys/${key.id}/revoke`, { grace_period: '1h' });
    expect(later.body.revoked_at).toBe(graced.body.revoked_at);
    server.clock.advance(60_000);
    expect((await asKey('GET', '/v1/whoami')).status).toBe(401);
    const other = await newKey(sa.id);
    expect((await admin('POST', `${base}/keys/${other.id}/revoke`)).body.status).toBe('revoked');
  });

  it('accepts client-supplied key material without echoing a secret', async () => {
    const { generateToken } = await import('../../sdk/token.ts');
    const sa = await newAccount('byo-key');
    const token = generateToken();
    issued.push(token);
    const res = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'byo', token });
    expect(res.status).toBe(201);
    expect(res.body.secret).toBeNull();
    expect((await httpClient(server.url, token)('GET', '/v1/whoami')).status).toBe(200);
    const bad = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'byo', token: mistyped(token) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.token');
  });

  it('refuses low-entropy key material with 422 weak_key_material naming body.token, creating nothing', async () => {
    const { generateToken, tokenFromBody } = await import('../../sdk/token.ts');
    const sa = await newAccount('weak-key');
    const eventsBefore = (await admin('GET', `${base}/audit-events?limit=1`)).body.items[0].id;
    // The probe's wdn_000…: checksum-valid, and accepted before this rule.
    for (const token of [generateToken(() => Buffer.alloc(32)), tokenFromBody('0'.repeat(38) + '2CZcl'), tokenFromBody('abcdef0123'.repeat(5).slice(0, 43))]) {
      const res = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'weak', token });
      expect([res.status, res.body.code]).toEqual([422, 'weak_key_material']);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'body.token', message: expect.stringMatching(/^is not random enough: /) }]);
      expect(JSON.stringify(res.body)).not.toContain(token.slice(4, 20));
      expect((await httpClient(server.url, token)('GET', '/v1/whoami')).status).toBe(401);
    }
    expect((await admin('GET', `${base}/service-accounts/${sa.id}/keys`)).body.items).toHaveLength(0);
    expect((await admin('GET', `${base}/audit-events?limit=1`)).body.items[0].id).toBe(eventsBefore);
  });

  it('changes a key description with ETag protection, never exposing the secret', async () => {
    const sa = await newAccount('described-key');
    const key = await newKey(sa.id, { label: 'desc', description: 'first' });
    const updated = await admin('PATCH', `${base}/keys/${key.id}`, { description: 'second' }, { 'if-match': '"1"' });
    expect(updated.status).toBe(200);
    expect(updated.body.description).toBe('second');
    expect(updated.body).not.toHaveProperty('secret');
    expect(updated.headers.get('etag')).toBe('"2"');
    expect((await admin('PATCH', `${base}/keys/${key.id}`, { description: 'third' }, { 'if-match': '"1"' })).status).toBe(412);
    const audit = await admin('GET', `${base}/audit-events?target_id=${key.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.update', 'api_key.create']);
  });

  it('limits a service account to 50 active keys', async () => {
    const sa = await newAccount('many-keys');
    for (let i = 0; i < 50; i++) {
      await newKey(sa.id, { label: `k${i}` });
    }
    const refused = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'k50' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('key_limit_reached');
    const first = (await admin('GET', `${base}/service-accounts/${sa.id}/keys?label=k0`)).body.items[0];
    await admin('POST', `${base}/keys/${first.id}/revoke`);
    expect((await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'k50' })).status).toBe(201);
  });

  it('answers a retried create with the first result, and refuses a reused key with another body', async () => {
    const sa = await newAccount('idempotent');
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const first = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'once' }, headers);
    issued.push(first.body.secret);
    const second = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'once' }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.secret).toBe(first.body.secret);
    const listed = await admin('GET', `${base}/service-accounts/${sa.id}/keys?label=once`);
    expect(listed.body.items).toHaveLength(1);
    const reused = await admin('POST', `${base}/service-accounts/${sa.id}/keys`, { label: 'other' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });
});

describe('roles and assignments', () => {
  it('lists the permissions of several roles in name order in whoami', async () => {
    // Two roles whose permissions interleave: their union in grant order is not sorted.
    await admin('POST', `${base}/roles`, { name: 'auditor-writer', permissions: ['service_accounts:write', 'audit:read'] });
    const sa = await newAccount('two-roles');
    await admin('PUT', `${base}/service-accounts/${sa.id}/roles`, { roles: ['auditor-writer', 'reader'] });
    const key = await newKey(sa.id);
    const permissions = (await httpClient(server.url, key.secret)('GET', '/v1/whoami')).body.permissions as string[];
    expect(permissions).toContain('audit:read');
    expect(permissions).toContain('service_accounts:write');
    expect(permissions).toEqual([...permissions].sort());
  });

  it('manages custom roles from the catalog and protects built-ins', async () => {
    const catalog = await admin('GET', '/v1/permissions');
    expect(catalog.body.items.find((p: { name: string }) => p.name === 'roles:write').management).toBe(true);
    const created = await admin('POST', `${base}/roles`, { name: 'deployer', description: 'ships', permissions: ['keys:read', 'org:read'] });
    expect(created.status).toBe(201);
    const unknown = await admin('POST', `${base}/roles`, { name: 'weird', permissions: ['keys:fly'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('unknown_permission');
    expect((await admin('PATCH', `${base}/roles/admin`, { description: 'mine now' })).body.code).toBe('builtin_role_immutable');
    expect((await admin('POST', `${base}/roles`, { name: 'member', permissions: ['org:read'] })).body.code).toBe('name_taken');
    const updated = await admin('PATCH', `${base}/roles/deployer`, { permissions: ['keys:read'] }, { 'if-match': '"1"' });
    expect(updated.body.permissions).toEqual(['keys:read']);
    const list = await admin('GET', `${base}/roles`);
    expect(list.body.items.slice(0, 4).map((r: { name: string }) => r.name)).toEqual(['admin', 'member', 'snapshotter', 'reader']);

    const sa = await newAccount('role-holder');
    const grant = await admin('POST', `${base}/role-assignments`, { service_account_id: sa.id, role: 'deployer' });
    expect(grant.status).toBe(201);
    expect((await admin('DELETE', `${base}/roles/deployer`)).body.code).toBe('role_in_use');
    expect((await admin('POST', `${base}/role-assignments`, { service_account_id: sa.id, role: 'nope-role' })).body.code).toBe('unknown_role');
    expect((await admin('GET', `${base}/role-assignments/${grant.body.id}`)).body.role).toBe('deployer');
    expect((await admin('DELETE', `${base}/role-assignments/${grant.body.id}`)).status).toBe(204);
    expect((await admin('DELETE', `${base}/roles/deployer`)).status).toBe(204);
  });

  it('sets the complete role set authoritatively and applies it on the very next request', async () => {
    const sa = await newAccount('role-set');
    const key = await newKey(sa.id);
    const asKey = httpClient(server.url, key.secret);
    expect((await asKey('GET', `${base}/service-accounts`)).status).toBe(403);
    expect((await admin('PUT', `${base}/service-accounts/${sa.id}/roles`, { roles: ['reader', 'snapshotter'] })).body.roles).toEqual(['reader', 'snapshotter']);
    expect((await asKey('GET', `${base}/service-accounts`)).status).toBe(200);
    expect((await admin('PUT', `${base}/service-accounts/${sa.id}/roles`, { roles: ['snapshotter'] })).body.roles).toEqual(['snapshotter']);
    expect((await asKey('GET', `${base}/service-accounts`)).status).toBe(403);
    const assignments = await admin('GET', `${base}/role-assignments?service_account_id=${sa.id}`);
    expect(assignments.body.items.map((a: { role: string }) => a.role)).toEqual(['snapshotter']);
  });
});

describe('operations', () => {
  it('serves /healthz and Prometheus /metrics', async () => {
    const health = await httpClient(server.url)('GET', '/healthz');
    expect(health.body).toEqual({ status: 'ok', storage: 'sqlite' });
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/warden_http_requests_total\{operation="whoami",method="GET",status="200"\} \d+/);
    expect(metrics).toMatch(/warden_auth_failures_total \d+/);
  });

  it('audits every change with who, what, when and target', async () => {
    const events = await admin('GET', `${base}/audit-events?action=api_key.create&limit=1`);
    const [event] = events.body.items;
    expect(event.principal.name).toBe('bootstrap-admin');
    expect(event.target.type).toBe('api_key');
    expect(event.occurred_at).toMatch(/^\d{4}-/);
  });

  it('never writes an issued secret to the database files or the log', async () => {
    expect(issued.length).toBeGreaterThan(50);
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith('warden.db'));
    expect(files).toContain('warden.db');
    const stored = files.map((f) => readFileSync(join(server.dataDir, f)).toString('latin1')).join('\n');
    const log = server.logText();
    expect(log).toContain('"operation":"createApiKey"');
    for (const secret of issued) {
      expect(stored.includes(secret)).toBe(false);
      expect(log.includes(secret)).toBe(false);
      // Nor any long run of it, in case of encodings that split it.
      expect(stored.includes(secret.slice(12, 40))).toBe(false);
    }
  });
});
