// Retry rules of the SDK with an injected fetch: what is retried (429, 503, network
// errors), what is safe to repeat (idempotent methods, POST with Idempotency-Key, PATCH
// with If-Match), how long it waits (Retry-After, exponential backoff with jitter), and
// when it stops.
import { describe, expect, it } from 'vitest';
import { WardenApiError, backoffMs, createWardenClient, generateToken, isRetrySafe, retryAfterMs } from '../../sdk/index.ts';
import type { RetryHooks } from '../../sdk/index.ts';
import { problem, scriptedFetch, type Step } from './fake-fetch.ts';

const apiKey = generateToken();
const SA = 'sa_0000000000000000000a';

function setup(script: Step[], retry: { retries?: number; baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number } = {}, hooks: RetryHooks = {}) {
  const fake = scriptedFetch(script);
  const delays: number[] = [];
  const client = createWardenClient({
    endpoint: 'http://warden.test',
    apiKey,
    organization: 'acme',
    fetch: fake.fetch,
    retry: { baseDelayMs: 100, maxDelayMs: 1_000, ...retry },
    retryHooks: { sleep: async (ms) => void delays.push(ms), random: () => 0.5, ...hooks },
  });
  return { client, sent: fake.sent, delays };
}

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a WardenApiError'),
    (e: unknown) => e as WardenApiError,
  );
const created = { status: 201, body: { id: SA, name: 'ci-bot' } };

describe('what is retried', () => {
  it('retries a read on 429, 503 and a network error, then returns the success', async () => {
    const { client, sent, delays } = setup([429, 503, 'network', 200]);
    await client.serviceAccounts.list();
    expect(sent.map((s) => s.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(delays).toHaveLength(3);
  });

  it.each([400, 401, 404, 409, 412, 500])('does not retry HTTP %i', async (status) => {
    const { client, sent } = setup([{ status, body: problem(status, 'x') }, 200]);
    expect((await fail(client.serviceAccounts.list())).status).toBe(status);
    expect(sent).toHaveLength(1);
  });

  it('gives up after `retries` extra attempts with the last problem as a typed error', async () => {
    const { client, sent } = setup([503], { retries: 2 });
    const error = await fail(client.serviceAccounts.list());
    expect(error).toBeInstanceOf(WardenApiError);
    expect([error.status, error.code]).toEqual([503, 'unavailable']);
    expect(sent).toHaveLength(3);
  });

  it('gives up on network errors with a network_error naming the endpoint, not the key', async () => {
    const { client, sent } = setup(['network']);
    const error = await fail(client.whoami());
    expect([error.status, error.code]).toEqual([0, 'network_error']);
    expect(error.message).toContain('http://warden.test');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain(apiKey);
    expect(sent).toHaveLength(4);
  });

  it('does not retry at all with retries: 0', async () => {
    const { client, sent } = setup([503, 200], { retries: 0 });
    await fail(client.serviceAccounts.list());
    expect(sent).toHaveLength(1);
  });
});

describe('what is safe to repeat', () => {
  it('retries a create because it carries an Idempotency-Key, the same one every time', async () => {
    const { client, sent } = setup([503, 'network', created]);
    await client.serviceAccounts.create({ name: 'ci-bot' });
    expect(sent).toHaveLength(3);
    const keys = sent.map((s) => s.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(sent.every((s) => s.body === '{"name":"ci-bot"}')).toBe(true);
  });

  it('uses a caller-chosen Idempotency-Key, and a fresh one per call otherwise', async () => {
    const { client, sent } = setup([created]);
    await client.serviceAccounts.create({ name: 'a' }, 'my-key-1');
    await client.serviceAccounts.create({ name: 'b' });
    await client.serviceAccounts.create({ name: 'c' });
    expect(sent[0]!.headers.get('idempotency-key')).toBe('my-key-1');
    expect(sent[1]!.headers.get('idempotency-key')).not.toBe(sent[2]!.headers.get('idempotency-key'));
  });

  it.each([
    ['keys.create', (c: Client) => c.keys.create(SA, { label: 'gha', ttl: '90d' })],
    ['roles.create', (c: Client) => c.roles.create({ name: 'deployer', permissions: ['keys:read'] })],
    ['assignments.grant', (c: Client) => c.assignments.grant(SA, 'reader')],
  ])('%s generates an Idempotency-Key and is retried', async (_name, run) => {
    const { client, sent } = setup([503, { status: 201, body: {} }]);
    await run(client);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.headers.get('idempotency-key')).toBe(sent[0]!.headers.get('idempotency-key'));
  });

  it('never retries a POST without an Idempotency-Key (disable, revoke, raw POSTs)', async () => {
    for (const run of [(c: Client) => c.serviceAccounts.disable(SA), (c: Client) => c.keys.revoke('key_0000000000000000000a')]) {
      const { client, sent } = setup([503, 200]);
      expect((await fail(run(client))).status).toBe(503);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers.has('idempotency-key')).toBe(false);
    }
    const { client, sent } = setup(['network', 200]);
    expect((await fail(client.serviceAccounts.enable(SA))).code).toBe('network_error');
    expect(sent).toHaveLength(1);
  });

  it('retries a PATCH only when it carries If-Match', async () => {
    const unconditional = setup([503, 200]);
    await fail(unconditional.client.serviceAccounts.update(SA, { description: 'x' }));
    expect(unconditional.sent).toHaveLength(1);

    const conditional = setup([503, { status: 200, body: { id: SA }, headers: { etag: '"4"' } }]);
    const result = await conditional.client.serviceAccounts.update(SA, { description: 'x' }, '"3"');
    expect(conditional.sent.map((s) => s.headers.get('if-match'))).toEqual(['"3"', '"3"']);
    expect(result.etag).toBe('"4"');
  });

  it('retries PUT and DELETE freely', async () => {
    const put = setup([503, { status: 200, body: { roles: ['reader'] } }]);
    expect((await put.client.roleSets.set(SA, ['reader'])).roles).toEqual(['reader']);
    expect(put.sent.map((s) => [s.method, s.body])).toEqual([
      ['PUT', '{"roles":["reader"]}'],
      ['PUT', '{"roles":["reader"]}'],
    ]);
    const del = setup([429, 204]);
    await del.client.serviceAccounts.delete(SA);
    expect(del.sent.map((s) => s.method)).toEqual(['DELETE', 'DELETE']);
  });

  it.each([
    ['GET', {}, true],
    ['HEAD', {}, true],
    ['PUT', {}, true],
    ['DELETE', {}, true],
    ['POST', {}, false],
    ['POST', { 'idempotency-key': 'k' }, true],
    ['PATCH', {}, false],
    ['PATCH', { 'if-match': '"1"' }, true],
  ] as const)('isRetrySafe(%s %j) = %s', (method, headers, safe) => {
    expect(isRetrySafe(new Request('http://x/', { method, headers }))).toBe(safe);
  });
});

describe('how long it waits', () => {
  it('honours Retry-After in seconds', async () => {
    const { client, delays } = setup([{ status: 429, body: problem(429, 'rate_limited'), headers: { 'retry-after': '2' } }, 200]);
    await client.serviceAccounts.list();
    expect(delays).toEqual([2_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const { client, delays } = setup(
      [{ status: 503, body: problem(503, 'unavailable'), headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' } }, 200],
      {},
      { now: () => now },
    );
    await client.serviceAccounts.list();
    expect(delays).toEqual([7_000]);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs, and reports it', async () => {
    const { client, sent, delays } = setup([{ status: 429, body: problem(429, 'rate_limited'), headers: { 'retry-after': '3600' } }, 200], {
      maxRetryAfterMs: 60_000,
    });
    const error = await fail(client.serviceAccounts.list());
    expect([error.code, error.retryAfterMs]).toEqual(['rate_limited', 3_600_000]);
    expect(sent).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('backs off exponentially with jitter, capped at maxDelayMs', async () => {
    const { client, delays } = setup([503, 503, 503, 503, 503, 200], { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000 });
    await client.serviceAccounts.list();
    // random() = 0.5: three quarters of each ceiling 100, 200, 400, 800, 1000.
    expect(delays).toEqual([75, 150, 300, 600, 750]);
  });

  it.each([
    [0, 0, 50],
    [0, 1, 100],
    [3, 0, 400],
    [3, 1, 800],
    [10, 1, 1_000],
  ])('backoffMs(attempt %i, random %d) = %i', (attempt, random, expected) => {
    expect(backoffMs(attempt, { baseDelayMs: 100, maxDelayMs: 1_000 }, () => random)).toBe(expected);
  });

  it.each([
    ['3', 3_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:02 GMT', 2_000],
    ['Wed, 31 Dec 2025 00:00:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
    ['', undefined],
    [null, undefined],
  ])('retryAfterMs(%j) = %j', (header, expected) => {
    expect(retryAfterMs(header, Date.parse('2026-01-01T00:00:00Z'))).toBe(expected);
  });

  it('stops waiting when the client signal aborts', async () => {
    const controller = new AbortController();
    const fake = scriptedFetch([503]);
    const client = createWardenClient({
      endpoint: 'http://warden.test',
      apiKey,
      organization: 'acme',
      fetch: fake.fetch,
      signal: controller.signal,
      retry: { retries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const error = await fail(client.serviceAccounts.list());
    expect(error.code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fake.sent).toHaveLength(1);
  });
});

type Client = ReturnType<typeof createWardenClient>;
