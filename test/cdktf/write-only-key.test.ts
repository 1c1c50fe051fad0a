// The write-only path end to end: the WriteOnlyKey construct synthesizes an `ephemeral`
// block and the `secret_wo` wiring, the synthesized JSON applies with the real terraform
// and provider against the real server, the key exists there, and neither the state nor
// the plan JSON holds a token. The HCL example's warden half applies the same way.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, TerraformResource, TerraformStack } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceAccount, WardenProvider, WriteOnlyKey } from '../../cdktf-constructs/src/index.ts';
import { createWardenClient, type WardenClient } from '../../sdk/index.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace } from '../helpers/terraform.ts';
import { thrown } from './helpers.ts';

// A whole token: the 12-character prefix (`wdn_` + 8) is public and expected in state.
const TOKEN = /wdn_[0-9A-Za-z]{49}/;

function synthesize(withVault: boolean): { json: string; key: WriteOnlyKey } {
  const stack = new TerraformStack(Testing.app(), 'write-only');
  new WardenProvider(stack);
  const runner = new ServiceAccount(stack, 'runner', { name: 'runner-cdktf', description: 'Self-hosted runner', roles: ['reader'] });
  const key = new WriteOnlyKey(stack, 'runner-key', { serviceAccountId: runner.id, label: 'self-hosted-runner', ttl: '30d' });
  if (withVault) {
    // A provider without bindings, declared raw; synthesized only (not installable here).
    const secret = new TerraformResource(stack, 'vault-secret', {
      terraformResourceType: 'vault_kv_secret_v2',
      terraformGeneratorMetadata: { providerName: 'vault' },
    });
    secret.addOverride('mount', 'secret');
    secret.addOverride('name', 'ci/runner');
    key.writeTo(secret, 'data_json_wo', { jsonField: 'token', versionAttribute: 'data_json_wo_version' });
  }
  return { json: Testing.synth(stack), key };
}

describe('WriteOnlyKey synthesis', () => {
  it('emits the ephemeral block, feeds secret_wo from it, and writes the same token into a store', () => {
    const { json, key } = synthesize(true);
    const parsed = JSON.parse(json);
    expect(parsed.ephemeral.warden_key_material).toEqual({ [key.materialName]: {} });
    const [apiKey] = Object.values(parsed.resource.warden_api_key) as Record<string, unknown>[];
    expect(apiKey).toMatchObject({
      label: 'self-hosted-runner',
      ttl: '30d',
      secret_wo: `\${ephemeral.warden_key_material.${key.materialName}.token}`,
      secret_wo_version: 1,
    });
    const [vault] = Object.values(parsed.resource.vault_kv_secret_v2) as Record<string, unknown>[];
    expect(vault).toMatchObject({
      data_json_wo: `\${jsonencode({"token" = ephemeral.warden_key_material.${key.materialName}.token})}`,
      data_json_wo_version: 1,
    });
    expect(json).not.toMatch(/"secret"\s*:/);
  });

  it('validates its props, every problem at once', () => {
    const error = thrown(
      () => new WriteOnlyKey(new TerraformStack(Testing.app(), 's'), 'k', { serviceAccountId: 'sa_x', label: 'Bad Label', ttl: '90x', version: 0 }),
    );
    expect(error.message).toMatch(/label: "Bad Label" is not a valid label/);
    expect(error.message).toMatch(/ttl: "90x" is not a duration/);
    expect(error.message).toMatch(/version: must be a whole number ≥ 1/);
  });
});

describe('the write-only path against the real server', () => {
  let server: TestServer;
  let sdk: WardenClient;
  beforeAll(async () => {
    server = await startTestServer();
    sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  });
  afterAll(() => server.close());

  async function checkNoSecret(tf: TerraformWorkspace, address: string): Promise<void> {
    const stateText = (await tf.ok(['state', 'pull'])).stdout;
    expect(stateText).not.toMatch(TOKEN);
    const key = await tf.resource(address);
    expect(key.secret).toBeNull();
    expect(key.secret_wo).toBeNull();
    // A plan runs the ephemeral resource again; its JSON must not carry the token either.
    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color', '-out', 'check.plan']);
    expect(plan.code, plan.output).toBe(0);
    const planJson = (await tf.ok(['show', '-json', 'check.plan'])).stdout;
    expect(planJson).not.toMatch(TOKEN);
    expect(JSON.parse(planJson).resource_changes.every((c: { change: { actions: string[] } }) => c.change.actions.join() === 'no-op')).toBe(true);
  }

  it('the synthesized JSON of WriteOnlyKey applies with the real terraform, and no secret is kept', async () => {
    const tf = await TerraformWorkspace.create(server.url, server.adminToken);
    const { json } = synthesize(false);
    writeFileSync(join(tf.dir, 'cdk.tf.json'), json);
    await tf.ok(['init', '-no-color']);
    const apply = await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toMatch(/Apply complete! Resources: 3 added/);
    expect(apply.output).not.toMatch(TOKEN);

    const account = await sdk.serviceAccounts.findByName('runner-cdktf');
    const keys = (await sdk.keys.list({ serviceAccountId: account!.id })).items;
    expect(keys.map((k) => [k.label, k.status])).toEqual([['self-hosted-runner', 'active']]);
    const address = `warden_api_key.${Object.keys(JSON.parse(json).resource.warden_api_key)[0]}`;
    expect((await tf.resource(address)).id).toBe(keys[0]!.id);
    await checkNoSecret(tf, address);
  });

  it('examples/terraform/write-only-vault: the warden half applies as it is (vault.tf needs hashicorp/vault, not installable here)', async () => {
    const tf = await TerraformWorkspace.create(server.url, server.adminToken);
    cpSync('examples/terraform/write-only-vault/main.tf', join(tf.dir, 'main.tf'));
    await tf.ok(['init', '-no-color']);
    const apply = await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toMatch(/Apply complete! Resources: 3 added/);
    const account = await sdk.serviceAccounts.findByName('runner-write-only');
    expect((await sdk.roleSets.get(account!.id)).roles).toEqual(['reader']);
    await checkNoSecret(tf, 'warden_api_key.runner');
    // vault.tf refers to the same ephemeral token and the key's version; make sure those names exist.
    const vault = readFileSync('examples/terraform/write-only-vault/vault.tf', 'utf8');
    expect(vault).toMatch(/data_json_wo = jsonencode\(\{\s*token = ephemeral\.warden_key_material\.runner\.token\s*\}\)/);
    expect(vault).toContain('data_json_wo_version = warden_api_key.runner.secret_wo_version');
  });
});
