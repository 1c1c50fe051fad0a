// The SDK's browser session client (the web console's only way to the API), with an injected
// fetch: no API key is sent, unsafe methods carry the session's current CSRF token and safe
// ones never do, the organization is read per call, failures are WardenApiErrors, and the
// module graph imports nothing from Node (so a browser bundle can hold it).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WardenApiError, createSessionClient } from '../../sdk/index.ts';
import { problem, scriptedFetch } from './fake-fetch.ts';

const SA = 'sa_0000000000000000000a';

function setup(token: { value?: string }, org: { name: string }, script = [200]) {
  const fake = scriptedFetch(
    script.map((status) => ({ status, body: status < 300 ? { items: [], next_cursor: null, roles: [] } : problem(status, 'unauthenticated') })),
  );
  const client = createSessionClient({ baseUrl: 'http://warden.test', csrfToken: () => token.value, organization: () => org.name, fetch: fake.fetch });
  return { client, sent: fake.sent };
}

describe('createSessionClient', () => {
  it('sends the CSRF token on POST, PUT, PATCH and DELETE only, and never an Authorization header', async () => {
    const { client, sent } = setup({ value: 'csrf-1' }, { name: 'acme' });
    await client.serviceAccounts.list();
    await client.serviceAccounts.create({ name: 'ci-deployer' });
    await client.roleSets.set(SA, ['reader']);
    await client.serviceAccounts.update(SA, { description: 'x' });
    await client.serviceAccounts.delete(SA);
    expect(sent.map((request) => request.method)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
    expect(sent[0]!.headers.get('x-csrf-token')).toBeNull();
    for (const request of sent.slice(1)) {
      expect(request.headers.get('x-csrf-token'), request.method).toBe('csrf-1');
    }
    for (const request of sent) {
      expect(request.headers.get('authorization')).toBeNull();
    }
  });

  it('reads the token and the organization on every request (a new session, another organization)', async () => {
    const token: { value?: string } = {};
    const org = { name: 'acme' };
    const { client, sent } = setup(token, org);
    await client.serviceAccounts.create({ name: 'one' });
    token.value = 'csrf-2';
    org.name = 'globex';
    await client.serviceAccounts.create({ name: 'two' });
    expect(sent[0]!.headers.get('x-csrf-token')).toBeNull();
    expect(sent[0]!.url.pathname).toBe('/v1/orgs/acme/service-accounts');
    expect(sent[1]!.headers.get('x-csrf-token')).toBe('csrf-2');
    expect(sent[1]!.url.pathname).toBe('/v1/orgs/globex/service-accounts');
  });

  it('turns a refusal into a WardenApiError with its status and code', async () => {
    const { client } = setup({ value: 'csrf' }, { name: 'acme' }, [401]);
    const error = await client.serviceAccounts.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WardenApiError);
    expect((error as WardenApiError).status).toBe(401);
    expect((error as WardenApiError).code).toBe('unauthenticated');
  });

  it('imports no Node module, directly or through the SDK files it uses', () => {
    const root = dirname(fileURLToPath(new URL('../../sdk/session-client.ts', import.meta.url)));
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) {
        return;
      }
      seen.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s(?!type\b)[^'"]*?from\s+'([^']+)'/gm)) {
        if (specifier!.startsWith('.')) {
          visit(resolve(dirname(file), specifier!));
        } else {
          external.add(specifier!);
        }
      }
    };
    visit(resolve(root, 'session-client.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect([...external].sort()).toEqual(['openapi-fetch']);
  });
});
