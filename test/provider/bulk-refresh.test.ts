// Bulk refresh end to end (real terraform, real server): a refresh of N resources costs at
// most N/100 + 5 API requests and a -refresh=false plan at most 5, counted through the
// server's /metrics; out-of-band deletes, revokes and expiry are still reported with their
// warnings and repaired; -refresh=false still proposes rotation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWardenClient, type WardenClient } from '../../sdk/index.ts';
import { ManualClock } from '../../server/clock.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace, terraformBinary } from '../helpers/terraform.ts';
import { answeredRequests } from '../../server/metrics.ts';

const DAY = 86_400_000;
const ACCOUNTS = 100;
// 100 accounts + 200 keys + 100 assignments, and one short-lived key.
const RESOURCES = ACCOUNTS * 4 + 1;

let server: TestServer;
let sdk: WardenClient;
let tf: TerraformWorkspace;

const config = `
resource "warden_service_account" "sa" {
  count = ${ACCOUNTS}
  name  = "bulk-\${count.index}"
}
resource "warden_role_assignment" "ra" {
  count              = ${ACCOUNTS}
  service_account_id = warden_service_account.sa[count.index].id
  role               = "reader"
}
resource "warden_api_key" "key" {
  count              = ${ACCOUNTS * 2}
  service_account_id = warden_service_account.sa[count.index % ${ACCOUNTS}].id
  label              = "key-\${count.index}"
  ttl                = "90d"
  rotate_before      = "15d"
}
resource "warden_api_key" "short" {
  service_account_id = warden_service_account.sa[0].id
  label              = "short"
  ttl                = "1h"
}
`;

/** Requests the server has answered so far (every operation, every status). */
async function requestCount(): Promise<number> {
  return answeredRequests(await (await fetch(`${server.url}/metrics`)).text());
}

async function countRequests(args: string[]): Promise<{ requests: number; code: number; output: string }> {
  const before = await requestCount();
  const result = await tf.run(args);
  return { requests: (await requestCount()) - before, code: result.code, output: result.stdout + result.stderr };
}

beforeAll(async () => {
  terraformBinary();
  server = await startTestServer({ clock: new ManualClock(Date.now()) });
  sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  tf = await TerraformWorkspace.create(server.url, server.adminToken);
  tf.write(config);
  await tf.ok(['init', '-no-color']);
  await tf.ok(['apply', '-auto-approve', '-no-color', '-parallelism=20']);
}, 600_000);
afterAll(async () => {
  await server?.close();
});

describe('bulk refresh', () => {
  it(`refreshes ${RESOURCES} resources with at most N/100 + 5 requests and finds no changes`, async () => {
    const plan = await countRequests(['plan', '-detailed-exitcode', '-no-color', '-parallelism=20']);
    expect(plan.code, plan.output).toBe(0);
    expect(plan.requests).toBeGreaterThan(0);
    expect(plan.requests).toBeLessThanOrEqual(Math.floor(RESOURCES / 100) + 5);
  }, 300_000);

  it('plans with -refresh=false in at most 5 requests', async () => {
    const plan = await countRequests(['plan', '-refresh=false', '-detailed-exitcode', '-no-color', '-parallelism=20']);
    expect(plan.code, plan.output).toBe(0);
    expect(plan.requests).toBeLessThanOrEqual(5);
  }, 300_000);

  it('still reports out-of-band deletes, revokes and expiry, and repairs them', async () => {
    const state = await tf.state();
    const resources = state.values.root_module.resources as { address: string; values: Record<string, any> }[];
    const at = (address: string) => resources.find((r) => r.address === address)!.values;
    const revoked = at('warden_api_key.key[0]');
    const deletedAccount = at('warden_service_account.sa[1]');
    const deletedAssignment = at('warden_role_assignment.ra[2]');
    await sdk.keys.revoke(revoked.id);
    await sdk.serviceAccounts.delete(deletedAccount.id);
    await sdk.assignments.revoke(deletedAssignment.id);
    server.clock.advance(2 * 3_600_000);

    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-parallelism=20']);
    const output = plan.stdout + plan.stderr;
    expect(plan.code, output).toBe(2);
    expect(output).toMatch(/API key revoked/);
    expect(output).toMatch(/API key expired/);
    expect(output).toMatch(/warden_api_key\.key\[0\] will be created/);
    expect(output).toMatch(/warden_api_key\.short will be created/);
    expect(output).toMatch(/warden_service_account\.sa\[1\] will be created/);
    expect(output).toMatch(/warden_api_key\.key\[101\] will be created/);
    expect(output).toMatch(/warden_role_assignment\.ra\[2\] will be created/);
    // Nothing else is touched: 1 account, its assignment and 2 keys, key[0], short, ra[2].
    expect(output).toMatch(/Plan: 7 to add, 0 to change, 0 to destroy/);

    await tf.ok(['apply', '-auto-approve', '-no-color', '-parallelism=20']);
    const again = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-parallelism=20']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const repaired = await tf.resource('warden_api_key.key[0]');
    expect(repaired.id).not.toBe(revoked.id);
    expect((await sdk.keys.get(repaired.id)).data.status).toBe('active');
  }, 600_000);

  it('keeps proposing rotation with -refresh=false', async () => {
    server.clock.advance(76 * DAY);
    const plan = await tf.run(['plan', '-refresh=false', '-detailed-exitcode', '-no-color', '-parallelism=20']);
    const output = plan.stdout + plan.stderr;
    expect(plan.code, output).toBe(2);
    expect(output).toMatch(/warden_api_key\.key\[5\] must be replaced/);
    expect(output).toContain('API key rotation due');
  }, 300_000);
});
