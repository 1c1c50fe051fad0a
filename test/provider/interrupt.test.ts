// Ctrl-C during apply: Terraform forwards the interrupt (StopProvider); keys created in
// flight are finished and recorded, so a re-run converges with no orphan and no duplicate.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWardenClient, type WardenClient } from '../../sdk/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace, terraformBinary } from '../helpers/terraform.ts';

const KEYS = 40;
let server: TestServer;
let sdk: WardenClient;
let tf: TerraformWorkspace;

beforeAll(async () => {
  server = await startTestServer();
  sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  tf = await TerraformWorkspace.create(server.url, server.adminToken);
  tf.write(`
resource "warden_service_account" "many" {
  name = "many-keys"
}
resource "warden_api_key" "k" {
  count              = ${KEYS}
  service_account_id = warden_service_account.many.id
  label              = "key-\${count.index}"
  ttl                = "30d"
}
`);
  await tf.ok(['init', '-no-color']);
});
afterAll(() => server?.close());

async function activeKeys(): Promise<string[]> {
  const sa = await sdk.serviceAccounts.findByName('many-keys');
  if (!sa) {
    return [];
  }
  const ids: string[] = [];
  for await (const key of sdk.keys.iterate({ serviceAccountId: sa.id, status: 'active' })) {
    ids.push(key.id);
  }
  return ids.sort();
}

describe('interrupting an apply', () => {
  it('leaves no orphaned key, and a re-run converges without duplicates', async () => {
    const child = spawn(terraformBinary(), ['apply', '-auto-approve', '-no-color', '-parallelism=2'], { cwd: tf.dir, env: tf.env });
    let output = '';
    let interrupted = false;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!interrupted && /warden_api_key\.k\[\d+\]: Creation complete/.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number>((done) => child.on('exit', (c) => done(c ?? -1)));
    expect(interrupted).toBe(true);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Interrupt received|Stopping operation/);

    const state = await tf.state();
    const inState = (state.values?.root_module?.resources ?? [])
      .filter((r: { type: string }) => r.type === 'warden_api_key')
      .map((r: { values: { id: string } }) => r.values.id)
      .sort();
    const live = await activeKeys();
    expect(live.length).toBeGreaterThan(0);
    expect(live.length).toBeLessThan(KEYS);
    expect(live).toEqual(inState);

    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const after = await activeKeys();
    expect(after).toHaveLength(KEYS);
    expect(after).toEqual(expect.arrayContaining(live));
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });
});
