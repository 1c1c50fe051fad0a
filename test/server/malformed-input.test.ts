// Property-based: malformed input derived from the contract's operations gets a 4xx
// problem+json answer with a stable code and changes nothing (the audit trail and
// listings stay the same). Raw requests cover what fetch would normalise or refuse to send.
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../server/contract.ts';
import { head, rawHttp } from '../helpers/raw-http.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: ReturnType<typeof httpClient>;
let accountId: string;
let keyId: string;
let assignmentId: string;

const { operations } = loadContract();
const writes = operations.filter((op) => op.method !== 'GET' && op.secured);

function concretePath(path: string, overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = { org: 'acme', serviceAccountId: accountId, keyId, roleName: 'member', assignmentId, ...overrides };
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? 'x');
}

/** Sends the path exactly as given: fetch would normalize `..` and `%2e%2e` away. */
function rawRequest(method: string, path: string, token: string): Promise<{ status: number; contentType: string; code: unknown }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { authorization: `Bearer ${token}`, ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let code: unknown;
          try {
            code = JSON.parse(text).code;
          } catch {
            code = undefined;
          }
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), code });
        });
      },
    );
    req.on('error', reject);
    req.end(method === 'GET' || method === 'DELETE' ? undefined : '{}');
  });
}

async function snapshot(): Promise<string> {
  const audit = await admin('GET', '/v1/orgs/acme/audit-events?limit=200');
  const accounts = await admin('GET', '/v1/orgs/acme/service-accounts?limit=200');
  const keys = await admin('GET', '/v1/orgs/acme/keys?limit=200');
  return JSON.stringify([audit.body.items.length, accounts.body, keys.body.items.map((k: { id: string; version: number }) => [k.id, k.version])]);
}

const overlongName = fc.string({ minLength: 64, maxLength: 300 }).map((s) => 'a' + s.replace(/[^a-z]/g, 'b'));
const nonAscii = fc.constantFrom('ßervice', 'ci-😀', 'naïve-bot', 'ci\u0000bot', 'ЖЖЖ', 'ci bot', 'CI-BOT', '-ci', 'ci--bot');
// Never an empty array: `{ roles: [] }` is a valid request (it clears a role set).
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.object({ maxDepth: 1 }));
const badBody = fc.oneof(
  fc.record({ name: fc.oneof(overlongName, nonAscii, wrongType) }),
  fc.record({ label: fc.oneof(overlongName, nonAscii, wrongType), ttl: fc.constantFrom('90x', '0d', '-1d', '1.5h', 'forever', '') }),
  fc.record({ roles: fc.oneof(wrongType, fc.constant(['admin', 'admin'])) }),
  fc.record({ description: fc.oneof(wrongType, fc.string({ minLength: 1025, maxLength: 1100 })) }),
  fc.dictionary(
    fc
      .string({ minLength: 1, maxLength: 10 })
      .filter(
        (k) => !['name', 'label', 'description', 'roles', 'permissions', 'service_account_id', 'role', 'disabled', 'ttl', 'token', 'grace_period'].includes(k),
      ),
    fc.jsonValue(),
    { minKeys: 1, maxKeys: 3 },
  ),
  fc.constantFrom('{', '{"name": }', 'null', '[]', '"text"', '{"name":"ok"}}', '\u0000'),
);
const badId = fc.constantFrom(
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%2e%2e',
  'sa_../../x',
  'sa_ABCDEFGHIJKLMNOPQRST',
  "sa_1'%20OR%20'1'='1",
  'key_%00',
  'ra_' + 'x'.repeat(190),
  '%E2%80%AE',
);

beforeAll(async () => {
  server = await startTestServer();
  admin = httpClient(server.url, server.adminToken);
  accountId = (await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'fuzz-target' })).body.id;
  keyId = (await admin('POST', `/v1/orgs/acme/service-accounts/${accountId}/keys`, { label: 'fuzz' })).body.id;
  assignmentId = (await admin('POST', '/v1/orgs/acme/role-assignments', { service_account_id: accountId, role: 'reader' })).body.id;
});
afterAll(() => server.close());

describe('malformed input changes nothing', () => {
  it('bad bodies on every write operation get a 4xx problem', async () => {
    const before = await snapshot();
    await fc.assert(
      // Operation ids keep a counterexample readable; the operation is looked up inside.
      fc.asyncProperty(fc.constantFrom(...writes.map((w) => w.operationId)), badBody, async (operationId, body) => {
        const op = writes.find((w) => w.operationId === operationId)!;
        const res = await admin(op.method, concretePath(op.path), typeof body === 'string' ? body : body);
        expect(res.status, `${op.operationId} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(typeof res.body.code).toBe('string');
      }),
      { numRuns: 300 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('path traversal and malformed ids in every path parameter get a 4xx', async () => {
    const before = await snapshot();
    const withIds = operations.filter((op) => /\{(serviceAccountId|keyId|assignmentId|roleName|org)\}/.test(op.path));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withIds).chain((op) => fc.tuple(fc.constant(op), fc.constantFrom(...[...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)))),
        badId,
        async ([op, param], id) => {
          const path = concretePath(op.path, { [param]: id });
          const res = await rawRequest(op.method, path, server.adminToken);
          expect(res.status, `${op.method} ${path}`).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.contentType).toContain('application/problem+json');
          expect(typeof res.code).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses wrong media types, oversized bodies and bad query values', async () => {
    const before = await snapshot();
    const text = await admin('POST', '/v1/orgs/acme/service-accounts', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'big', description: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    for (const res of [text, huge]) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'cursor=%00', 'cursor=bm90LWEtbnVtYmVy', 'name=UPPER', 'limit=1&limit=2']) {
      const res = await admin('GET', `/v1/orgs/acme/service-accounts?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors[0].field).toMatch(/^query\./);
    }
    expect(await snapshot()).toBe(before);
  });

  it('lenient-parsing cases on every write operation get a 4xx problem (raw requests)', async () => {
    const before = await snapshot();
    const basic = Buffer.from(`${server.adminToken}:`).toString('base64');
    // Each flaw turns an otherwise well-formed request into one the server must refuse.
    type Flaw = { name: string; headers: string[]; body?: (json: string) => Buffer; path?: (path: string) => string };
    const flaw = fc.oneof(
      fc
        .constantFrom('gzip', 'deflate', 'br', 'compress', 'identity, gzip')
        .map((e): Flaw => ({ name: `content-encoding ${e}`, headers: [`Content-Encoding: ${e}`] })),
      fc
        .constantFrom('iso-8859-1', 'utf-16le', 'us-ascii', 'shift_jis')
        .map((c): Flaw => ({ name: `charset ${c}`, headers: [`Content-Type: application/json; charset=${c}`] })),
      fc
        .constantFrom(`Bearer ${server.adminToken}`, 'Bearer wdn_x', `Basic ${basic}`)
        .map((second): Flaw => ({ name: 'two authorization headers', headers: [`Authorization: ${second}`] })),
      fc
        .integer({ min: 1, max: basic.length - 2 })
        .chain((at) =>
          fc
            .constantFrom('!', '*', ' ', '-', '_', '.', '%')
            .map((junk): Flaw => ({ name: `basic junk ${junk}@${at}`, headers: [`X-Replace-Auth: Basic ${basic.slice(0, at)}${junk}${basic.slice(at)}`] })),
        ),
      fc
        .constantFrom('name', 'description', 'label', 'roles')
        .map((key): Flaw => ({ name: `duplicate ${key}`, headers: [], body: (json) => Buffer.from(json.replace(/^\{/, `{"${key}":1,"${key}":2,`)) })),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes): Flaw => ({
        name: 'invalid utf-8',
        headers: [],
        body: (json) => Buffer.concat([Buffer.from(json.replace(/\}$/, ',"x":"')), Buffer.from([0xff, ...bytes]), Buffer.from('"}')]),
      })),
      fc
        .constantFrom('%zz', '%', '%e2%28%a1', '%c0%af')
        .map((bad): Flaw => ({ name: `bad escape ${bad}`, headers: [], path: (path) => path.replace('/acme/', `/${bad}/`) })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes.map((w) => w.operationId)), flaw, async (operationId, f) => {
        const op = writes.find((w) => w.operationId === operationId)!;
        const path = (f.path ?? ((p: string) => p))(concretePath(op.path));
        const body = (f.body ?? ((json: string) => Buffer.from(json)))('{"name":"flawed-request"}');
        const replaced = f.headers.find((h) => h.startsWith('X-Replace-Auth: '));
        const auth = replaced ? `Authorization: ${replaced.slice('X-Replace-Auth: '.length)}` : `Authorization: Bearer ${server.adminToken}`;
        const headers = [
          auth,
          ...f.headers.filter((h) => h !== replaced),
          ...(f.headers.some((h) => h.startsWith('Content-Type')) ? [] : ['Content-Type: application/json']),
          `Content-Length: ${body.length}`,
        ];
        const res = await rawHttp(server.url, [head(op.method, path, headers), body]);
        expect(res.status, `${op.operationId} ${f.name} → ${res.status} ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(typeof res.json?.code).toBe('string');
      }),
      { numRuns: 200 },
    );
    expect(await snapshot()).toBe(before);
  });
});
