// terraform-provider-warden end to end: the real terraform binary, the real server on
// loopback, the provider installed from a filesystem mirror. No mocks.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWardenClient, generateToken, type WardenClient } from '../../sdk/index.ts';
import { ManualClock } from '../../server/clock.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace, terraformBinary } from '../helpers/terraform.ts';

const DAY = 86_400_000;
let server: TestServer;
let sdk: WardenClient;
let tf: TerraformWorkspace;

const baseConfig = (overrides: { description?: string; label?: string; role?: string } = {}) => `
resource "warden_service_account" "ci" {
  name        = "ci-github-actions"
  description = "${overrides.description ?? 'CI deploys'}"
}
resource "warden_role_assignment" "ci_member" {
  service_account_id = warden_service_account.ci.id
  role               = "${overrides.role ?? 'member'}"
}
resource "warden_api_key" "ci" {
  service_account_id = warden_service_account.ci.id
  label              = "${overrides.label ?? 'github-actions-prod'}"
  ttl                = "90d"
  rotate_before      = "15d"
  grace_period       = "1h"
  lifecycle { create_before_destroy = true }
}
output "ci_key" {
  value     = warden_api_key.ci.secret
  sensitive = true
}
`;

const canAuthenticate = async (token: string) => (await fetch(`${server.url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } })).status === 200;

beforeAll(async () => {
  terraformBinary();
  server = await startTestServer({ clock: new ManualClock(Date.now()) });
  sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  tf = await TerraformWorkspace.create(server.url, server.adminToken);
  tf.write(baseConfig());
  await tf.ok(['init', '-no-color']);
});
afterAll(async () => {
  await server?.close();
});

describe('terraform apply', () => {
  it('creates everything, then plans no changes', async () => {
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const sa = await sdk.serviceAccounts.findByName('ci-github-actions');
    expect(sa?.description).toBe('CI deploys');
    expect((await sdk.roleSets.get(sa!.id)).roles).toEqual(['member']);
    const key = await tf.resource('warden_api_key.ci');
    expect(key.secret).toMatch(/^wdn_/);
    expect(Date.parse(key.expires_at) - Date.parse(key.created_at)).toBe(90 * DAY);
    expect(await canAuthenticate(key.secret)).toBe(true);
    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('updates a description in place', async () => {
    const before = await tf.resource('warden_service_account.ci');
    tf.write(baseConfig({ description: 'CI deploys to prod' }));
    const apply = await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toContain('1 changed, 0 destroyed');
    const after = await tf.resource('warden_service_account.ci');
    expect(after.id).toBe(before.id);
    expect((await sdk.serviceAccounts.get(before.id)).data.description).toBe('CI deploys to prod');
  });

  it('replaces a key create-before-destroy; the old key works through the grace period, then stops', async () => {
    const old = await tf.resource('warden_api_key.ci');
    tf.write(baseConfig({ description: 'CI deploys to prod', label: 'github-actions-prod-2' }));
    const apply = await tf.ok(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toMatch(/1 added, 0 changed, 1 destroyed/);
    const fresh = await tf.resource('warden_api_key.ci');
    expect(fresh.id).not.toBe(old.id);
    expect(await canAuthenticate(fresh.secret)).toBe(true);
    expect(await canAuthenticate(old.secret)).toBe(true);
    server.clock.advance(61 * 60_000);
    expect(await canAuthenticate(old.secret)).toBe(false);
    expect(await canAuthenticate(fresh.secret)).toBe(true);
  });

  it('proposes rotation once server time enters the rotate_before window, even with -refresh=false', async () => {
    const calm = await tf.run(['plan', '-detailed-exitcode', '-refresh=false', '-no-color']);
    expect(calm.code).toBe(0);
    server.clock.advance(76 * DAY);
    for (const args of [['plan', '-refresh=false'], ['plan']]) {
      const plan = await tf.run([...args, '-detailed-exitcode', '-no-color']);
      expect(plan.code, plan.stdout + plan.stderr).toBe(2);
      expect(plan.stdout).toMatch(/warden_api_key\.ci must be replaced/);
      expect(plan.stdout).toContain('API key rotation due');
    }
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const rotated = await tf.resource('warden_api_key.ci');
    expect(Date.parse(rotated.expires_at)).toBe(server.clock.now().getTime() + 90 * DAY);
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });

  it('re-creates a key revoked out of band, saying why', async () => {
    const key = await tf.resource('warden_api_key.ci');
    await sdk.keys.revoke(key.id);
    const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color']);
    expect(plan.code).toBe(2);
    expect(plan.stdout + plan.stderr).toMatch(/API key revoked/);
    expect(plan.stdout).toMatch(/warden_api_key\.ci will be created/);
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const repaired = await tf.resource('warden_api_key.ci');
    expect(repaired.id).not.toBe(key.id);
    expect(await canAuthenticate(repaired.secret)).toBe(true);
  });

  it('re-creates a service account deleted out of band', async () => {
    const sa = await tf.resource('warden_service_account.ci');
    await sdk.serviceAccounts.delete(sa.id);
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const again = await sdk.serviceAccounts.findByName('ci-github-actions');
    expect(again).toBeDefined();
    expect(again!.id).not.toBe(sa.id);
    expect((await sdk.roleSets.get(again!.id)).roles).toEqual(['member']);
    expect((await tf.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });

  it('keeps secrets out of TF_LOG=trace output and keeps the only copy in state sensitive', async () => {
    const key = await tf.resource('warden_api_key.ci');
    const traced = await tf.ok(['plan', '-no-color'], { TF_LOG: 'trace' });
    expect(traced.stderr.length).toBeGreaterThan(10_000);
    expect(traced.stderr).toContain('provider.warden');
    expect(traced.stderr).not.toContain(key.secret);
    expect(traced.stderr).not.toContain(server.adminToken);
    const stateText = readFileSync(join(tf.dir, 'terraform.tfstate'), 'utf8');
    const state = JSON.parse(stateText);
    // Every place in the state file that holds the secret: only the sensitive attribute
    // and the output this configuration declared sensitive.
    const places: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node === 'string' && node.includes(key.secret)) {
        places.push(path);
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          walk(v, `${path}.${k}`);
        }
      }
    };
    walk(state, '$');
    const keyIndex = state.resources.findIndex((r: { type: string }) => r.type === 'warden_api_key');
    expect(places.sort()).toEqual(['$.outputs.ci_key.value', `$.resources.${keyIndex}.instances.0.attributes.secret`].sort());
    expect(state.outputs.ci_key.sensitive).toBe(true);
    const resource = state.resources.find((r: { type: string }) => r.type === 'warden_api_key');
    expect(JSON.stringify(resource.instances[0].sensitive_attributes)).toContain('"secret"');
    expect(stateText).not.toContain(server.adminToken);
  });
});

describe('provider configuration', () => {
  it('explains a missing, malformed, rejected or mismatched credential on the right attribute', async () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ WARDEN_API_KEY: '' }, /Missing Warden API key/],
      [{ WARDEN_API_KEY: 'wdn_typo' }, /Malformed Warden API key[\s\S]*WARDEN_API_KEY/],
      [{ WARDEN_API_KEY: generateToken() }, /Warden rejected the API key/],
      [{ WARDEN_ENDPOINT: '' }, /Missing Warden endpoint/],
      [{ WARDEN_ORG: 'other-org' }, /API key belongs to another organization[\s\S]*"acme"/],
    ];
    for (const [env, message] of cases) {
      const plan = await tf.run(['plan', '-no-color'], env);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(message);
      expect(plan.stderr).toMatch(/provider "warden"/);
    }
  });
});

describe('validation', () => {
  it('fails at validate or plan on the right attribute and changes nothing', async () => {
    const auditBefore = (await sdk.audit.list({ limit: 200 })).items.length;
    const cases: [string, RegExp, RegExp][] = [
      [
        `resource "warden_api_key" "bad" {\n  service_account_id = warden_service_account.ci.id\n  label = "x"\n  ttl = "90x"\n}\n`,
        /is not a duration/,
        /ttl\s*=\s*"90x"/,
      ],
      [
        `resource "warden_role_assignment" "bad" {\n  service_account_id = warden_service_account.ci.id\n  role = "superuser"\n}\n`,
        /Unknown role/,
        /role\s*=\s*"superuser"/,
      ],
      [
        `resource "warden_api_key" "bad" {\n  service_account_id = warden_service_account.ci.id\n  label = "x"\n  ttl = "10d"\n  rotate_before = "15d"\n}\n`,
        /rotate_before must be shorter than ttl/,
        /rotate_before\s*=\s*"15d"/,
      ],
      [`resource "warden_service_account" "dup" {\n  name = "ci-github-actions"\n}\n`, /name_taken|already exists/, /warden_service_account\.dup/],
    ];
    for (const [hcl, message, pointer] of cases) {
      tf.write(hcl, 'bad.tf');
      const result = await tf.run(['apply', '-auto-approve', '-no-color']);
      expect(result.code, hcl).not.toBe(0);
      expect(result.stderr, hcl).toMatch(message);
      expect(result.stderr, hcl).toMatch(pointer);
    }
    tf.write('', 'bad.tf');
    expect((await sdk.audit.list({ limit: 200 })).items.length).toBe(auditBefore);
  });
});

describe('import', () => {
  it('imports every resource with import blocks and terraform import, and generates config for service accounts', async () => {
    const sa = (await sdk.serviceAccounts.create({ name: 'hand-made', description: 'made by hand' })).data;
    const assignment = await sdk.assignments.grant(sa.id, 'reader');
    const key = await sdk.keys.create(sa.id, { label: 'manual', ttl: '30d' });
    await sdk.roles.create({ name: 'auditor', description: 'reads audit', permissions: ['audit:read', 'org:read'] });
    const other = (await sdk.serviceAccounts.create({ name: 'roles-owner' })).data;
    await sdk.roleSets.set(other.id, ['snapshotter']);

    const importDir = await TerraformWorkspace.create(server.url, server.adminToken);
    importDir.write(`
import {
  to = warden_service_account.hand
  id = "hand-made"
}
`);
    await importDir.ok(['init', '-no-color']);
    const generated = await importDir.run(['plan', '-generate-config-out=generated.tf', '-no-color']);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const generatedText = readFileSync(join(importDir.dir, 'generated.tf'), 'utf8');
    expect(generatedText).toContain('name                = "hand-made"');
    expect(generatedText).toContain('description         = "made by hand"');

    importDir.write(`
import {
  to = warden_service_account.hand
  id = "${sa.id}"
}
resource "warden_service_account" "hand" {
  name        = "hand-made"
  description = "made by hand"
}
import {
  to = warden_role_assignment.hand_reader
  id = "${sa.id}/reader"
}
resource "warden_role_assignment" "hand_reader" {
  service_account_id = warden_service_account.hand.id
  role               = "reader"
}
import {
  to = warden_api_key.manual
  id = "${key.id}"
}
resource "warden_api_key" "manual" {
  service_account_id = warden_service_account.hand.id
  label              = "manual"
  ttl                = "30d"
}
resource "warden_role" "auditor" {
  name        = "auditor"
  description = "reads audit"
  permissions = ["audit:read", "org:read"]
}
resource "warden_service_account_roles" "owner" {
  service_account_id = "${other.id}"
  roles              = ["snapshotter"]
}
`);
    rmSync(join(importDir.dir, 'generated.tf'));
    await importDir.ok(['import', '-no-color', 'warden_role.auditor', 'auditor']);
    await importDir.ok(['import', '-no-color', 'warden_service_account_roles.owner', other.id]);
    const apply = await importDir.ok(['apply', '-auto-approve', '-no-color']);
    expect(apply.stdout).toMatch(/3 imported, 0 added, 0 changed, 0 destroyed/);
    const imported = await importDir.resource('warden_api_key.manual');
    expect(imported.id).toBe(key.id);
    expect(imported.secret).toBeNull();
    expect((await importDir.resource('warden_role_assignment.hand_reader')).id).toBe(assignment.id);
    expect((await importDir.run(['plan', '-detailed-exitcode', '-no-color'])).code).toBe(0);
  });
});
