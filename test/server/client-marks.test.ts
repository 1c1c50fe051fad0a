// The server records which client created and last changed a service account, key or
// custom role, from the User-Agent (or a browser session), and answers `managed_by:
// "terraform"` for what the Terraform provider created or changed, so the console can warn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { newMember, type SignedIn } from '../helpers/people.ts';

const TERRAFORM = { 'user-agent': 'terraform-provider-warden/0.1.0' };
let server: TestServer;
let admin: ReturnType<typeof httpClient>;
let ada: SignedIn;

beforeAll(async () => {
  server = await startTestServer();
  admin = httpClient(server.url, server.adminToken);
  ada = await newMember(server.url, admin, 'acme', 'ada@example.com', 'admin', 'a long enough password');
});
afterAll(() => server.close());

describe('managed_by and last_changed_by_client', () => {
  it('marks a service account created by Terraform, and keeps the mark after a change in the console', async () => {
    const created = await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'tf-made' }, TERRAFORM);
    expect(created.body).toMatchObject({ managed_by: 'terraform', last_changed_by_client: 'terraform' });
    const changed = await ada.call('PATCH', `/v1/orgs/acme/service-accounts/${created.body.id}`, { description: 'edited by hand' });
    expect(changed.body).toMatchObject({ managed_by: 'terraform', last_changed_by_client: 'console' });
    const listed = (await admin('GET', '/v1/orgs/acme/service-accounts?name=tf-made')).body.items[0];
    expect(listed).toMatchObject({ managed_by: 'terraform', last_changed_by_client: 'console' });
  });

  it('leaves objects made by other clients unmarked, and names the client', async () => {
    const byApi = await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'api-made' });
    expect(byApi.body).toMatchObject({ managed_by: null, last_changed_by_client: 'api' });
    const byCli = await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'cli-made' }, { 'user-agent': 'warden-cli/0.1.0' });
    expect(byCli.body.last_changed_by_client).toBe('cli');
  });

  it('marks keys and custom roles the same way', async () => {
    const account = (await admin('POST', '/v1/orgs/acme/service-accounts', { name: 'keyed' })).body;
    const key = await admin('POST', `/v1/orgs/acme/service-accounts/${account.id}/keys`, { label: 'ci' }, TERRAFORM);
    expect(key.body.managed_by).toBe('terraform');
    expect((await admin('GET', `/v1/orgs/acme/keys/${key.body.id}`)).body.managed_by).toBe('terraform');
    const role = await admin('POST', '/v1/orgs/acme/roles', { name: 'deployer', permissions: ['keys:read'] }, TERRAFORM);
    expect(role.body.managed_by).toBe('terraform');
    const builtin = (await admin('GET', '/v1/orgs/acme/roles/admin')).body;
    expect(builtin.managed_by).toBeNull();
  });
});
