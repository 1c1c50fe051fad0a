// Rate limits on the real server: every answer carries the IETF RateLimit-Policy and
// RateLimit headers; a client over its budget gets 429 problem+json with Retry-After;
// a flood of bad credentials gets the address refused for a growing time; and the SDK
// waits out a 429 and succeeds. Limits are tiny here so that the windows are short.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_RATE_LIMITS, parseQuota } from '../../server/rate-limit-policy.ts';
import { createWardenClient } from '../../sdk/index.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** RateLimit / RateLimit-Policy items by policy name. */
function parseItems(header: string | null): Record<string, Record<string, number>> {
  const items: Record<string, Record<string, number>> = {};
  for (const item of (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, ...params] = item.split(';');
    items[JSON.parse(name!)] = Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k, Number(v)]));
  }
  return items;
}

describe('rate limits', () => {
  it('parses quotas as operators write them', () => {
    expect(parseQuota('600/60s', '--rate-limit')).toEqual({ points: 600, seconds: 60 });
    expect(parseQuota('20/1m', '--auth-failure-limit')).toEqual({ points: 20, seconds: 60 });
    expect(parseQuota('off', '--rate-limit')).toBeNull();
    for (const bad of ['600', '0/60s', '600/60', '-1/1s', '600/0s', 'ten/1s']) {
      expect(() => parseQuota(bad, '--rate-limit'), bad).toThrow(/--rate-limit/);
    }
  });

  it('sends RateLimit headers on every answer and 429 with Retry-After past the client budget', async () => {
    server = await startTestServer({ rateLimits: { ...NO_RATE_LIMITS, client: { points: 5, seconds: 30 }, key: { points: 100, seconds: 30 } } });
    const api = httpClient(server.url, server.adminToken);
    const answers = [];
    for (let i = 0; i < 7; i++) {
      answers.push(await api('GET', '/v1/whoami'));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const policy = parseItems(answers[0]!.headers.get('ratelimit-policy'));
    expect(policy).toEqual({ client: { q: 5, w: 30 }, key: { q: 100, w: 30 } });
    expect(answers.map((a) => parseItems(a.headers.get('ratelimit')).client!.r)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(parseItems(answers[1]!.headers.get('ratelimit')).key!.r).toBe(98);
    const refused = answers[5]!;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(parseItems(refused.headers.get('ratelimit')).client!.t).toBe(retryAfter);
    // Unknown paths count too: a flood cannot go around the limit.
    expect((await api('GET', '/nope')).status).toBe(429);
  });

  it('limits one API key across addresses independently of the client budget', async () => {
    server = await startTestServer({ rateLimits: { ...NO_RATE_LIMITS, key: { points: 3, seconds: 30 } } });
    const admin = httpClient(server.url, server.adminToken);
    const sa = (await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'second-key' })).body;
    await admin('POST', '/v1/orgs/acme/role-assignments', { service_account_id: sa.id, role: 'reader' });
    const other = (await admin('POST', `/v1/orgs/acme/service-accounts/${sa.id}/keys`, { label: 'other' })).body;
    const refused = await admin('GET', '/v1/whoami');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(parseItems(refused.headers.get('ratelimit')).key).toEqual({ r: 0, t: Number(refused.headers.get('retry-after')) });
    // Another credential from the same address has its own budget.
    const asOther = await httpClient(server.url, other.secret)('GET', '/v1/whoami');
    expect(asOther.status).toBe(200);
    expect(parseItems(asOther.headers.get('ratelimit')).key!.r).toBe(2);
  });

  it('refuses an address that floods bad credentials, for longer each time', async () => {
    server = await startTestServer({ rateLimits: { ...NO_RATE_LIMITS, authFailures: { points: 3, seconds: 1 } } });
    const anonymous = httpClient(server.url, `wdn_${'x'.repeat(10)}`);
    const flood = async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(await anonymous('GET', '/v1/whoami'));
      }
      return statuses;
    };
    const first = await flood();
    expect(first.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
    expect(parseItems(first[0]!.headers.get('ratelimit'))['auth-failures']).toEqual({ r: 2, t: 1 });
    expect(first[3]!.body.code).toBe('rate_limited');
    expect(first[3]!.headers.get('retry-after')).toBe('1');
    // While refused, even a good key from this address waits: guessing must not pay.
    expect((await httpClient(server.url, server.adminToken)('GET', '/v1/whoami')).status).toBe(429);

    await sleep(1_100);
    const second = await flood();
    expect(second.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
    expect(Number(second[3]!.headers.get('retry-after'))).toBe(2);
    const refusals = server
      .logText()
      .split('\n')
      .filter((line) => line.includes('address refused after failed authentications'));
    expect(refusals.map((line) => JSON.parse(line).seconds)).toEqual([1, 2]);
    expect(server.logText()).not.toContain(server.adminToken);

    await sleep(2_100);
    expect((await httpClient(server.url, server.adminToken)('GET', '/v1/whoami')).status).toBe(200);
  });

  it('lets the SDK wait out a 429 and succeed', async () => {
    server = await startTestServer({ rateLimits: { ...NO_RATE_LIMITS, client: { points: 4, seconds: 1 } } });
    const retries: string[] = [];
    const warden = createWardenClient({
      endpoint: server.url,
      apiKey: server.adminToken,
      organization: 'acme',
      retryHooks: { onRetry: (event) => retries.push(event.reason) },
    });
    const names = [];
    for (let i = 0; i < 6; i++) {
      names.push((await warden.whoami()).principal.name);
    }
    expect(names).toEqual(Array(6).fill('bootstrap-admin'));
    expect(retries).toContain('HTTP 429');
    const created = await warden.serviceAccounts.create({ name: 'after-429' });
    expect(created.data.name).toBe('after-429');
  });
});
