// Each Warden resource's create, read, update, import and delete, driven in process through
// ProviderServer (no terraform) against a real server: the hooks' typed models meet the
// real API. Planning alone is covered beside each resource (provider/resources/*.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN } from '../../provider/framework/values.ts';
import { ManualClock } from '../../server/clock.ts';
import { ProviderDriver } from '../helpers/provider-driver.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const DAY = 86_400_000;
let server: TestServer;
let provider: ProviderDriver;
const connect = () => ProviderDriver.connect({ endpoint: server.url, apiKey: server.adminToken, organization: server.org });

beforeAll(async () => {
  server = await startTestServer({ clock: new ManualClock(Date.now()) });
  provider = await connect();
});
afterAll(async () => {
  await server?.close();
});

/** Applies and insists on success. */
async function apply(type: string, prior: Record<string, unknown> | null, values: Record<string, unknown>) {
  const { state, diagnostics } = await provider.apply(type, prior as never, values as never);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(state).not.toBeNull();
  return state!;
}

describe('resources against a real server, in process', () => {
  let accountId = '';

  it('warden_service_account: create, read, update in place, import by name, protected and plain delete', async () => {
    const T = 'warden_service_account';
    const created = await apply(T, null, { name: 'ci-bot', deletion_protection: true });
    expect(created).toMatchObject({ name: 'ci-bot', description: '', disabled: false, deletion_protection: true });
    expect(created.id).toMatch(/^sa_/);
    accountId = created.id as string;

    expect((await provider.read(T, created)).state).toEqual(created);
    const updated = await apply(T, created, { name: 'ci-bot', description: 'Builds', deletion_protection: true });
    expect(updated).toEqual({ ...created, description: 'Builds' });
    expect((await provider.import(T, 'ci-bot')).state).toMatchObject({ id: accountId, description: 'Builds' });

    expect(await provider.destroy(T, updated)).toEqual([expect.objectContaining({ path: ['deletion_protection'] })]);
    expect((await provider.read(T, updated)).state).not.toBeNull();

    const scratch = await apply(T, null, { name: 'scratch' });
    expect(await provider.destroy(T, scratch)).toEqual([]);
    expect((await provider.read(T, scratch)).state).toBeNull();
  });

  it('warden_role: create, change permissions in place, delete', async () => {
    const T = 'warden_role';
    const created = await apply(T, null, { name: 'deployer', permissions: ['keys:read'] });
    expect(created).toMatchObject({ id: 'deployer', permissions: ['keys:read'] });
    const updated = await apply(T, created, { name: 'deployer', permissions: ['keys:write', 'keys:read'] });
    expect(updated.permissions).toEqual(['keys:read', 'keys:write']);
    expect(updated.created_at).toBe(created.created_at);
    expect((await provider.read(T, updated)).state).toEqual(updated);
  });

  it('warden_role_assignment: grant a custom role, import by account/role, revoke', async () => {
    const T = 'warden_role_assignment';
    const created = await apply(T, null, { service_account_id: accountId, role: 'deployer' });
    expect(created.id).toMatch(/^ra_/);
    expect((await provider.import(T, `${accountId}/deployer`)).state).toEqual(created);
    expect(await provider.destroy(T, created)).toEqual([]);
    expect((await provider.read(T, created)).state).toBeNull();
  });

  it('warden_service_account_roles: set, change and clear the role set', async () => {
    const T = 'warden_service_account_roles';
    const created = await apply(T, null, { service_account_id: accountId, roles: ['member', 'deployer'] });
    expect([...(created.roles as string[])].sort()).toEqual(['deployer', 'member']);
    const updated = await apply(T, created, { service_account_id: accountId, roles: ['reader'] });
    expect(updated).toEqual({ id: accountId, service_account_id: accountId, roles: ['reader'] });
    expect(await provider.destroy(T, updated)).toEqual([]);
    expect((await provider.read(T, updated)).state).toEqual({ ...updated, roles: [] });
  });

  it('data sources read what the resources made', async () => {
    const one = await provider.readData('warden_service_account', { name: 'ci-bot' });
    expect(one.diagnostics).toEqual([]);
    expect(one.state).toMatchObject({ id: accountId, name: 'ci-bot', description: 'Builds', roles: [] });

    const many = await provider.readData('warden_service_accounts', { name_prefix: 'ci-' });
    expect((many.state?.service_accounts as { id: string }[]).map((sa) => sa.id)).toEqual([accountId]);

    const roles = await provider.readData('warden_roles', {});
    expect(roles.state?.roles).toContainEqual({ name: 'deployer', description: '', builtin: false, permissions: ['keys:read', 'keys:write'] });

    const me = await provider.readData('warden_whoami', {});
    expect(me.state).toMatchObject({ organization: server.org, roles: expect.arrayContaining(['admin']) });
  });

  it('ephemeral resources: local key material, and a per-run key revoked at close', async () => {
    const material = await provider.openEphemeral('warden_key_material', {});
    expect(material.result?.token).toMatch(/^wdn_/);

    const perRun = await provider.openEphemeral('warden_ephemeral_api_key', { service_account_id: accountId, label: 'run' });
    expect(perRun.diagnostics).toEqual([]);
    expect(perRun.result).toMatchObject({ service_account_id: accountId, label: 'run', ttl: null, id: expect.stringMatching(/^key_/) });
    const listed = async () =>
      (await provider.readData('warden_api_keys', { service_account_id: accountId, status: 'active' })).state?.keys as { id: string }[];
    expect((await listed()).map((k) => k.id)).toContain(perRun.result?.id);
    expect(await perRun.close()).toEqual([]);
    expect((await listed()).map((k) => k.id)).not.toContain(perRun.result?.id);
  });

  it('warden_api_key: create with a secret, update in place, rotation due on the server clock, revoke', async () => {
    const T = 'warden_api_key';
    const config = { service_account_id: accountId, label: 'gha', ttl: '90d', rotate_before: '15d' };
    const created = await apply(T, null, config);
    expect(created.secret).toMatch(/^wdn_/);
    expect(created).toMatchObject({ status: 'active', prefix: expect.stringMatching(/^wdn_/), secret_wo: null });
    expect(Date.parse(created.expires_at as string) - Date.parse(created.created_at as string)).toBe(90 * DAY);

    const updated = await apply(T, created, { ...config, description: 'deploys' });
    expect(updated).toEqual({ ...created, description: 'deploys' });
    expect((await provider.read(T, updated)).state).toEqual(updated);

    // 76 days on, the key is inside its 15-day rotation window: the plan replaces it.
    server.clock.advance(76 * DAY);
    provider = await connect();
    const plan = await provider.plan(T, updated, { ...config, description: 'deploys' });
    expect(plan.requiresReplace).toEqual([['expires_at']]);
    expect(plan.planned).toMatchObject({ id: UNKNOWN, secret: UNKNOWN });

    expect(await provider.destroy(T, updated)).toEqual([]);
    const gone = await provider.read(T, updated);
    expect(gone.state).toBeNull();
    expect(gone.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', summary: 'API key revoked' })]);
  });
});
