// SDK behaviour: retry rules with an injected fetch, Retry-After, error mapping, token
// checks, durations, and paging against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWardenClient, WardenApiError, parseDuration, formatDuration, generateToken } from '../../sdk/index.ts';
import { isRetrySafe, retryAfterMs } from '../../sdk/middleware.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const token = generateToken();
const fast = { retries: 3, baseDelayMs: 1, maxDelayMs: 5 };

function scripted(statuses: (number | 'network')[]) {
  const seen: Request[] = [];
  const fetchImpl = (async (input: Request) => {
    seen.push(input);
    const next = statuses[Math.min(seen.length - 1, statuses.length - 1)]!;
    if (next === 'network') {
      throw new TypeError('fetch failed');
    }
    const body = next < 300 ? { items: [], next_cursor: null } : { type: 'x', title: 't', status: next, code: next === 429 ? 'rate_limited' : 'unavailable', detail: 'busy' };
    return new Response(JSON.stringify(body), { status: next, headers: { 'content-type': 'application/json', 'retry-after': '0' } });
  }) as typeof fetch;
  return { seen, fetchImpl };
}

describe('retries', () => {
  it('retries reads on 429, 503 and network errors, then succeeds', async () => {
    const { seen, fetchImpl } = scripted([429, 503, 'network', 200]);
    const client = createWardenClient({ endpoint: 'http://x', apiKey: token, organization: 'acme', fetch: fetchImpl, retry: fast });
    await client.serviceAccounts.list();
    expect(seen).toHaveLength(4);
  });

  it('retries a create only because it carries an Idempotency-Key, and the key stays the same', async () => {
    const { seen, fetchImpl } = scripted([503, 201]);
    const client = createWardenClient({ endpoint: 'http://x', apiKey: token, organization: 'acme', fetch: fetchImpl, retry: fast });
    await client.serviceAccounts.create({ name: 'ci-bot' }).catch(() => undefined);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers.get('idempotency-key')).toBeTruthy();
    expect(seen[1]!.headers.get('idempotency-key')).toBe(seen[0]!.headers.get('idempotency-key'));
  });

  it('gives up after the configured retries with a typed error carrying the problem code', async () => {
    const { seen, fetchImpl } = scripted([503]);
    const client = createWardenClient({ endpoint: 'http://x', apiKey: token, organization: 'acme', fetch: fetchImpl, retry: fast });
    const error = await client.serviceAccounts.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WardenApiError);
    expect((error as WardenApiError).code).toBe('unavailable');
    expect(seen).toHaveLength(4);
  });

  it('knows which requests are safe to repeat and reads Retry-After', () => {
    const req = (method: string, headers: Record<string, string> = {}) => new Request('http://x/', { method, headers });
    expect(isRetrySafe(req('GET'))).toBe(true);
    expect(isRetrySafe(req('POST'))).toBe(false);
    expect(isRetrySafe(req('POST', { 'idempotency-key': 'k' }))).toBe(true);
    expect(isRetrySafe(req('PATCH'))).toBe(false);
    expect(isRetrySafe(req('PATCH', { 'if-match': '"1"' }))).toBe(true);
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 2000).toUTCString())).toBeGreaterThan(500);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('rejects a mistyped key locally without echoing it', () => {
    const bad = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const error = (() => {
      try {
        createWardenClient({ endpoint: 'http://x', apiKey: bad });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/checksum/);
    expect(error?.message).not.toContain(bad);
  });
});

describe('durations', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['90d', 7_776_000_000],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(formatDuration(ms)).toBe(text);
  });
  it.each(['', '0d', '1.5h', '90', 'd', '-1d', '90x', '1w'])('refuses %j naming the field', (text) => {
    expect(() => parseDuration(text, 'ttl')).toThrow(/^ttl: /);
  });
});

describe('against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('iterates pages, maps problems to WardenApiError, and defaults the organization from whoami', async () => {
    const client = createWardenClient({ endpoint: server.url, apiKey: server.adminToken });
    for (let i = 0; i < 5; i++) {
      await client.serviceAccounts.create({ name: `paged-${i}` });
    }
    const names: string[] = [];
    const pageSpy = createWardenClient({ endpoint: server.url, apiKey: server.adminToken });
    for await (const account of pageSpy.serviceAccounts.iterate()) {
      names.push(account.name);
    }
    expect(names).toEqual(['bootstrap-admin', 'paged-0', 'paged-1', 'paged-2', 'paged-3', 'paged-4']);
    const small = await client.serviceAccounts.list({ limit: 2 });
    expect(small.next_cursor).not.toBeNull();
    const error = await client.serviceAccounts.create({ name: 'paged-0' }).catch((e: unknown) => e);
    expect((error as WardenApiError).code).toBe('name_taken');
    expect((error as WardenApiError).status).toBe(409);
    const { data, etag } = await client.serviceAccounts.get((await client.serviceAccounts.findByName('paged-1'))!.id);
    expect(etag).toBe('"1"');
    const stale = await client.serviceAccounts.update(data.id, { description: 'x' }, '"9"').catch((e: unknown) => e);
    expect((stale as WardenApiError).code).toBe('version_conflict');
  });
});
