// Paging with an injected fetch: iterate() follows next_cursor lazily and keeps the
// filters; the organization defaults to the key's own, asked for once.
import { describe, expect, it } from 'vitest';
import { collect, createWardenClient, etagOf, generateToken, versionOf } from '../../sdk/index.ts';
import { scriptedFetch } from './fake-fetch.ts';

const apiKey = generateToken();
const account = (n: number) => ({ id: `sa_${String(n).padStart(20, '0')}`, name: `sa-${n}` });

function pagedServer(total: number, pageSize: number) {
  return scriptedFetch([
    (request) => {
      const url = new URL(request.url);
      const start = Number(url.searchParams.get('cursor') ?? '0');
      const items = Array.from({ length: Math.min(pageSize, total - start) }, (_, i) => account(start + i));
      const next = start + pageSize < total ? String(start + pageSize) : null;
      return Response.json({ items, next_cursor: next });
    },
  ]);
}

describe('iterate()', () => {
  it('walks every page in order, passing the cursor and the filters', async () => {
    const fake = pagedServer(7, 3);
    const client = createWardenClient({ endpoint: 'http://warden.test', apiKey, organization: 'acme', fetch: fake.fetch });
    const names: string[] = [];
    for await (const sa of client.serviceAccounts.iterate({ name: 'x', limit: 3 })) {
      names.push(sa.name);
    }
    expect(names).toEqual(['sa-0', 'sa-1', 'sa-2', 'sa-3', 'sa-4', 'sa-5', 'sa-6']);
    expect(fake.sent.map((s) => s.url.search)).toEqual(['?name=x&limit=3', '?name=x&limit=3&cursor=3', '?name=x&limit=3&cursor=6']);
  });

  it('asks for the next page only when the caller gets there', async () => {
    const fake = pagedServer(10, 2);
    const client = createWardenClient({ endpoint: 'http://warden.test', apiKey, organization: 'acme', fetch: fake.fetch });
    for await (const sa of client.serviceAccounts.iterate()) {
      if (sa.name === 'sa-2') {
        break;
      }
    }
    expect(fake.sent).toHaveLength(2);
  });

  it('handles an empty first page', async () => {
    const fake = pagedServer(0, 5);
    const client = createWardenClient({ endpoint: 'http://warden.test', apiKey, organization: 'acme', fetch: fake.fetch });
    expect(await collect(client.keys.iterate({ serviceAccountId: 'sa_1', status: 'active' }))).toEqual([]);
    expect(fake.sent[0]!.url.pathname + fake.sent[0]!.url.search).toBe('/v1/orgs/acme/keys?status=active&service_account_id=sa_1');
  });
});

describe('organization', () => {
  it("defaults to the key's own organization, asked once even by concurrent calls", async () => {
    const fake = scriptedFetch([
      (request) =>
        new URL(request.url).pathname === '/v1/whoami'
          ? Response.json({ organization: { id: 'org_1', name: 'globex', kind: 'shared' } })
          : Response.json({ items: [], next_cursor: null }),
    ]);
    const client = createWardenClient({ endpoint: 'http://warden.test', apiKey, fetch: fake.fetch });
    await Promise.all([client.serviceAccounts.list(), client.roles.list(), client.audit.list({ limit: 5 })]);
    expect(fake.sent.map((s) => s.url.pathname).sort()).toEqual([
      '/v1/orgs/globex/audit-events',
      '/v1/orgs/globex/roles',
      '/v1/orgs/globex/service-accounts',
      '/v1/whoami',
    ]);
    expect(await client.organization()).toBe('globex');
  });

  it('escapes the organization and ids in paths', async () => {
    const fake = scriptedFetch([{ status: 200, body: {} }]);
    const client = createWardenClient({ endpoint: 'http://warden.test', apiKey, organization: 'a/b', fetch: fake.fetch });
    await client.roles.get('x y');
    expect(fake.sent[0]!.url.pathname).toBe('/v1/orgs/a%2Fb/roles/x%20y');
  });
});

describe('etag helpers', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['3', undefined],
    [null, undefined],
  ])('versionOf(%j) = %j', (etag, version) => {
    expect(versionOf(etag)).toBe(version);
  });
  it('builds the tag the server sends', () => {
    expect(etagOf(7)).toBe('"7"');
  });
});
