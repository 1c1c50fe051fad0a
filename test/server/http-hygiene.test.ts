// Hostile and broken HTTP against the real server: stalled requests are cut off within
// the configured bound, every error (including those Node's parser raises before any
// route runs) is problem+json with a stable code, and lenient parsing is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../sdk/token.ts';
import { ManualClock } from '../../server/clock.ts';
import { initOrganization } from '../../server/init.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { head, parseRawResponse, rawHttp } from '../helpers/raw-http.ts';

let server: RunningServer;
let dataDir: string;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-hygiene-'));
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  token = (await initOrganization({ dataDir, org: 'acme', clock })).token!;
  // Short bounds so that the stalled-connection cases finish quickly.
  server = await startServer({
    dataDir,
    port: 0,
    clock,
    logLevel: 'silent',
    validateResponses: true,
    limits: { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000, bodyLimitBytes: 4_096 },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function expectProblem(response: { status: number; headers: Record<string, string>; json: any }, status: number, code: string) {
  expect(response.status, JSON.stringify(response)).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json?.code).toBe(code);
  expect(response.json?.status).toBe(status);
}

/** Opens a socket, sends `text`, and resolves with everything read once the server closes it. */
function sendAndStall(text: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(text);
    // Never sends the rest, never closes: only the server's bound can end this.
  });
}

describe('timeouts', () => {
  it('closes a connection whose body never completes, answering 408 problem+json', async () => {
    const body = JSON.stringify({ name: 'slow-body' });
    const received = await sendAndStall(
      head('POST', '/v1/orgs/acme/service-accounts', [`Authorization: Bearer ${token}`, 'Content-Type: application/json', `Content-Length: ${body.length}`]) +
        body.slice(0, 5),
    );
    expectProblem(parseRawResponse(received, true), 408, 'request_timeout');
  }, 15_000);

  it('closes a connection whose headers never complete', async () => {
    const received = await sendAndStall('GET /v1/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expectProblem(parseRawResponse(received, true), 408, 'request_timeout');
  }, 15_000);

  it('refuses connections beyond --max-connections while the others stay usable', async () => {
    const small = await startServer({ dataDir, port: 0, logLevel: 'silent', limits: { maxConnections: 2 } });
    const { port } = new URL(small.url);
    const open = () =>
      new Promise<ReturnType<typeof connect>>((resolveSocket, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => resolveSocket(socket));
        socket.on('error', reject);
      });
    const held = [await open(), await open()];
    try {
      // The third is accepted by the kernel, then closed by the server without an answer.
      const third = await open();
      const received = await new Promise<string>((resolveText) => {
        let text = '';
        third.on('data', (chunk) => (text += chunk));
        third.on('close', () => resolveText(text));
        third.on('error', () => undefined);
        third.write(head('GET', '/healthz'));
      });
      expect(received).toBe('');
      // A held connection still gets answers.
      const answer = await new Promise<string>((resolveText) => {
        held[0]!.once('data', (chunk) => resolveText(String(chunk)));
        held[0]!.write(head('GET', '/healthz'));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      held.forEach((socket) => socket.destroy());
      await small.close();
    }
  });

  it('refuses a body above the configured size with 413', async () => {
    const body = JSON.stringify({ name: 'big-body', description: 'x'.repeat(5_000) });
    const res = await rawHttp(
      server.url,
      head('POST', '/v1/orgs/acme/service-accounts', [`Authorization: Bearer ${token}`, 'Content-Type: application/json', `Content-Length: ${body.length}`]) +
        body,
    );
    expectProblem(res, 413, 'payload_too_large');
  });
});

describe('errors raised before any route runs are problem+json', () => {
  const cases: [string, string, number, string][] = [
    ['bad percent-encoding before auth', head('GET', '/v1/orgs/%zz/service-accounts'), 400, 'invalid_request'],
    ['an overlong path segment', head('GET', `/v1/orgs/${'a'.repeat(300)}/service-accounts`), 414, 'uri_too_long'],
    ['a URI beyond the header limit', head('GET', `/v1/${'a'.repeat(20_000)}`), 414, 'uri_too_long'],
    ['headers beyond the limit', head('GET', '/v1/whoami', [`X-Big: ${'a'.repeat(20_000)}`]), 431, 'headers_too_large'],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400, 'malformed_request'],
    ['an unknown HTTP version', 'GET /v1/whoami HTTP/9.9\r\n\r\n', 400, 'malformed_request'],
    ['a method the parser does not know', head('FROB', '/v1/whoami'), 400, 'malformed_request'],
    ['a non-numeric Content-Length', head('POST', '/v1/orgs/acme/service-accounts', ['Content-Length: abc']), 400, 'malformed_request'],
    ['a missing Host header', 'GET /v1/whoami HTTP/1.1\r\n\r\n', 400, 'malformed_request'],
    [
      'an Expect other than 100-continue',
      head('POST', '/v1/orgs/acme/service-accounts', ['Expect: teapot', 'Content-Length: 2']) + '{}',
      417,
      'expectation_failed',
    ],
    ['an unknown route', head('GET', '/nope'), 404, 'not_found'],
  ];
  for (const [name, request, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      expectProblem(await rawHttp(server.url, request), status, code);
    });
  }

  it('a known path with another method → 405 with Allow', async () => {
    const res = await rawHttp(server.url, head('PUT', '/v1/whoami', ['Content-Length: 0']));
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD');
    const collection = await rawHttp(server.url, head('DELETE', '/v1/orgs/acme/service-accounts', [`Authorization: Bearer ${token}`]));
    expectProblem(collection, 405, 'method_not_allowed');
    expect(collection.headers.allow).toBe('GET, HEAD, POST');
  });
});

describe('lenient parsing is refused', () => {
  const create = (headers: string[], body: string | Buffer) => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    return rawHttp(server.url, [
      head('POST', '/v1/orgs/acme/service-accounts', [`Authorization: Bearer ${token}`, `Content-Length: ${bytes.length}`, ...headers]),
      bytes,
    ]);
  };
  const accounts = async () =>
    (
      await fetch(`${server.url}/v1/orgs/acme/service-accounts?limit=200`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.json() as Promise<{ items: unknown[] }>,
      )
    ).items.length;

  it('the same requests without the flaw are accepted (the baseline the cases below differ from)', async () => {
    const res = await create(['Content-Type: application/json; charset=utf-8', 'Content-Encoding: identity'], '{"name":"baseline-ok"}');
    expect(res.status).toBe(201);
    const basic = Buffer.from(`${token}:`).toString('base64');
    expect((await rawHttp(server.url, head('GET', '/v1/whoami', [`Authorization: Basic ${basic}`]))).status).toBe(200);
  });

  it('refuses junk characters inside Basic credentials', async () => {
    const basic = Buffer.from(`${token}:`).toString('base64');
    for (const junk of [
      `${basic.slice(0, 5)}!!${basic.slice(5)}`,
      `${basic.slice(0, 8)} ${basic.slice(8)}`,
      `${basic}=`,
      `${basic.slice(0, 8)}-_${basic.slice(10)}`,
    ]) {
      const res = await rawHttp(server.url, head('GET', '/v1/whoami', [`Authorization: Basic ${junk}`]));
      expect(res.status, junk).toBeGreaterThanOrEqual(400);
      expect(res.status, junk).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses two Authorization headers, even when both hold the same valid key', async () => {
    for (const second of [`Bearer ${token}`, `Bearer ${generateToken()}`]) {
      const res = await rawHttp(server.url, head('GET', '/v1/whoami', [`Authorization: Bearer ${token}`, `Authorization: ${second}`]));
      expectProblem(res, 400, 'invalid_request');
      expect(res.json.errors[0].field).toBe('header.authorization');
    }
  });

  it('refuses a Content-Encoding the server does not decode', async () => {
    const before = await accounts();
    for (const encoding of ['gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown']) {
      const res = await create(['Content-Type: application/json', `Content-Encoding: ${encoding}`], '{"name":"gzip-claimed"}');
      expectProblem(res, 415, 'unsupported_content_encoding');
    }
    expect(await accounts()).toBe(before);
  });

  it('refuses non-UTF-8 charsets', async () => {
    for (const charset of ['iso-8859-1', 'utf-16', 'windows-1252', '"latin1"']) {
      const res = await create([`Content-Type: application/json; charset=${charset}`], '{"name":"latin-claimed"}');
      expectProblem(res, 415, 'unsupported_media_type');
    }
  });

  it('refuses duplicate keys, naming the field, at any depth', async () => {
    const cases: [string, string][] = [
      ['{"name":"dup-a","name":"dup-b"}', 'body.name'],
      ['{"name":"dup-c","\\u006eame":"dup-d"}', 'body.name'],
      ['{"name":"dup-e","description":"x","description":"y"}', 'body.description'],
    ];
    for (const [body, field] of cases) {
      const res = await create(['Content-Type: application/json'], body);
      expectProblem(res, 400, 'duplicate_json_key');
      expect(res.json.errors[0].field).toBe(field);
    }
    // Found while parsing, before the contract would refuse the unknown `meta` field.
    const nested = await create(['Content-Type: application/json'], '{"name":"dup-f","meta":[{"a":1},{"b":{"c":1,"c":2}}]}');
    expectProblem(nested, 400, 'duplicate_json_key');
    expect(nested.json.errors[0].field).toBe('body.meta[1].b.c');
  });

  it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
    const before = await accounts();
    const body = Buffer.concat([Buffer.from('{"name":"bad-utf8","description":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const res = await create(['Content-Type: application/json'], body);
    expectProblem(res, 400, 'invalid_request');
    expect(res.json.errors[0]).toEqual({ field: 'body', message: 'is not valid UTF-8' });
    expect(await accounts()).toBe(before);
  });

  it('still refuses prototype-poisoning keys', async () => {
    const res = await create(['Content-Type: application/json'], '{"name":"proto-x","__proto__":{"admin":true}}');
    expectProblem(res, 400, 'invalid_request');
  });
});
