// `warden review` on real plans and `warden audit-drift` on a real organization: apply a
// base configuration with the real terraform against the real server, change it, save
// the plan, and check the report, the flags, the formats and the exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWardenClient, generateToken, type WardenClient } from '../../sdk/index.ts';
import { ManualClock } from '../../server/clock.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runProcess } from '../helpers/process.ts';
import { TerraformWorkspace, terraformBinary } from '../helpers/terraform.ts';

let server: TestServer;
let sdk: WardenClient;
let tf: TerraformWorkspace;

const warden = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runProcess(process.execPath, [resolve('cli/bin/warden.js'), ...args], {
    cwd: tf.dir,
    env: { ...tf.env, NO_COLOR: '1', ...env },
  });

const base = `
resource "warden_service_account" "ci" {
  name = "ci-deployer"
}
resource "warden_role_assignment" "ci_member" {
  service_account_id = warden_service_account.ci.id
  role               = "member"
}
resource "warden_api_key" "ci" {
  service_account_id = warden_service_account.ci.id
  label              = "github-actions"
  ttl                = "90d"
  grace_period       = "1h"
}
resource "warden_api_key" "batch" {
  service_account_id = warden_service_account.ci.id
  label              = "batch"
  ttl                = "30d"
  rotation_triggers  = { generation = "1" }
}
resource "warden_service_account" "old" {
  name = "old-bot"
}
resource "warden_api_key" "old" {
  service_account_id = warden_service_account.old.id
  label              = "legacy"
  ttl                = "30d"
}
`;

const changed = `
resource "warden_service_account" "ci" {
  name = "ci-deployer"
}
resource "warden_role_assignment" "ci_member" {
  service_account_id = warden_service_account.ci.id
  role               = "member"
}
resource "warden_role_assignment" "ci_admin" {
  service_account_id = warden_service_account.ci.id
  role               = "admin"
}
resource "warden_api_key" "ci" {
  service_account_id = warden_service_account.ci.id
  label              = "github-actions-v2"
  ttl                = "90d"
  grace_period       = "1h"
}
resource "warden_api_key" "batch" {
  service_account_id = warden_service_account.ci.id
  label              = "batch"
  ttl                = "30d"
  rotation_triggers  = { generation = "2" }
}
resource "warden_api_key" "extra" {
  service_account_id = warden_service_account.ci.id
  label              = "extra"
  ttl                = "30d"
}
resource "warden_api_key" "forever" {
  service_account_id = warden_service_account.ci.id
  label              = "forever"
}
resource "warden_api_key" "long" {
  service_account_id = warden_service_account.ci.id
  label              = "long-lived"
  ttl                = "180d"
}
resource "warden_service_account" "fresh" {
  name = "fresh-bot"
}
resource "warden_api_key" "fresh" {
  service_account_id = warden_service_account.fresh.id
  label              = "fresh"
  ttl                = "7d"
}
`;

beforeAll(async () => {
  terraformBinary();
  server = await startTestServer({ clock: new ManualClock(Date.now()) });
  sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  tf = await TerraformWorkspace.create(server.url, server.adminToken);
  tf.write(base);
  await tf.ok(['init', '-no-color']);
  await tf.ok(['apply', '-auto-approve', '-no-color']);
});
afterAll(() => server?.close());

describe('warden audit-drift', () => {
  it('reports nothing for a fully managed organization, then every kind of drift', async () => {
    const clean = await warden(['audit-drift', '--state', tf.dir]);
    expect(clean.stdout).toMatch(/No drift/);
    expect(clean.code).toBe(0);
    // The same organization declared as a desired-state document (names and labels, not ids).
    writeFileSync(
      join(tf.dir, 'organization.yaml'),
      'serviceAccounts:\n  - name: ci-deployer\n    keys: [{ label: github-actions, ttl: 90d }, { label: batch, ttl: 30d }]\n  - name: old-bot\n    keys: [{ label: legacy, ttl: 30d }]\n',
    );
    expect((await warden(['audit-drift', '--document', 'organization.yaml'])).code).toBe(0);
    expect((await warden(['audit-drift'])).code).toBe(2);

    const handMade = (await sdk.serviceAccounts.create({ name: 'hand-made' })).data;
    const ciId = (await tf.resource('warden_service_account.ci')).id;
    await sdk.keys.create(ciId, { label: 'sneaky', ttl: '60d' });
    const oldId = (await tf.resource('warden_service_account.old')).id;
    await sdk.serviceAccounts.disable(oldId);
    server.clock.advance(20 * 86_400_000);

    const byDocument = JSON.parse((await warden(['audit-drift', '--document', 'organization.yaml', '--format', 'json'])).stdout).findings as {
      rule: string;
      account: string;
    }[];
    expect(
      byDocument
        .filter((f) => f.rule.startsWith('unmanaged'))
        .map((f) => `${f.rule}:${f.account}`)
        .sort(),
    ).toEqual(['unmanaged-account:hand-made', 'unmanaged-key:ci-deployer']);
    const report = await warden(['audit-drift', '--state', join(tf.dir, 'terraform.tfstate'), '--format', 'json']);
    expect(report.code).toBe(1);
    const findings = JSON.parse(report.stdout).findings as { rule: string; account: string; message: string }[];
    const has = (rule: string, account: string, text: RegExp) => findings.some((f) => f.rule === rule && f.account === account && text.test(f.message));
    expect(has('unmanaged-account', 'hand-made', new RegExp(handMade.id))).toBe(true);
    expect(has('unmanaged-key', 'ci-deployer', /sneaky/)).toBe(true);
    expect(has('expiring-key', 'ci-deployer', /batch/)).toBe(true);
    expect(has('disabled-with-keys', 'old-bot', /1 active key/)).toBe(true);
    expect(findings.some((f) => f.account === 'bootstrap-admin')).toBe(false);
    const markdown = await warden(['audit-drift', '--state', tf.dir, '--format', 'markdown', '--unused-for', '15d']);
    expect(markdown.stdout).toMatch(/^\| ⚪ low \| `unused-key` \| `ci-deployer` \| key "github-actions" has not been used for 20d .*, over 15d/m);

    await sdk.serviceAccounts.delete(handMade.id);
    await sdk.serviceAccounts.enable(oldId);
    server.clock.advance(-20 * 86_400_000);
    for await (const key of sdk.keys.iterate({ label: 'sneaky' })) {
      await sdk.keys.revoke(key.id);
    }
    expect((await warden(['audit-drift', '--state', tf.dir])).code).toBe(0);
  });
});

describe('warden review', () => {
  let planJson: string;

  beforeAll(async () => {
    tf.write(changed);
    await tf.ok(['plan', '-out', 'plan.bin', '-no-color']);
    planJson = join(tf.dir, 'plan.json');
    writeFileSync(planJson, (await tf.ok(['show', '-json', 'plan.bin'])).stdout);
  });

  it('reports exactly the credential changes of a binary plan, per service account', async () => {
    const result = await warden(['review', 'plan.bin', '--format', 'json']);
    // High-severity flags fail by default (issue 11): exit 1.
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    const kinds = (account: string) =>
      report.accounts
        .find((a: { account: string }) => a.account === account)
        .changes.map((c: { kind: string; subject: string }) => `${c.kind}:${c.subject}`)
        .sort();
    expect(kinds('ci-deployer')).toEqual(
      ['key-created:extra', 'key-created:forever', 'key-created:long-lived', 'key-rotated:github-actions-v2', 'key-rotated:batch', 'role-granted:admin'].sort(),
    );
    expect(kinds('old-bot')).toEqual(['account-deleted:old-bot', 'key-revoked:legacy']);
    expect(kinds('fresh-bot')).toEqual(['account-created:fresh-bot', 'key-created:fresh']);
    const rotated = report.accounts
      .find((a: { account: string }) => a.account === 'ci-deployer')
      .changes.find((c: { kind: string }) => c.kind === 'key-rotated');
    expect(rotated.detail).toMatch(/expiry \d{4}-\d{2}-\d{2} → ≈ \d{4}-\d{2}-\d{2}/);
    const flags = report.flags.map((f: { rule: string; account: string; severity: string }) => `${f.rule}:${f.account}:${f.severity}`).sort();
    // WARDEN_* are set, so the server was asked: old-bot's key was never used, so its deletion is not flagged.
    expect(flags).toEqual(
      ['escalation:ci-deployer:high', 'non-expiring:ci-deployer:high', 'ttl-above-limit:ci-deployer:high', 'rotation-without-grace:ci-deployer:medium'].sort(),
    );
    expect(report.passed).toBe(false);
    expect(report.failures.map((f: { rule: string }) => f.rule).sort()).toEqual(['escalation', 'non-expiring', 'ttl-above-limit']);
    const offline = JSON.parse((await warden(['review', 'plan.bin', '--format', 'json', '--no-live'])).stdout);
    expect(offline.flags).toContainEqual(expect.objectContaining({ rule: 'delete-in-use', account: 'old-bot', severity: 'low' }));
  });

  it('renders the terminal summary and a Markdown comment', async () => {
    const text = await warden(['review', 'plan.bin']);
    expect(text.stdout).toMatch(/^ci-deployer$/m);
    expect(text.stdout).toMatch(/^ {2}\+ role granted\s+admin\s+granted admin$/m);
    expect(text.stdout).not.toMatch(/\u001b\[/);
    const markdown = await warden(['review', planJson, '--format', 'markdown', '--fail-on', 'escalation', '--no-live']);
    expect(markdown.stdout).toMatch(/^## Warden credential review$/m);
    expect(markdown.stdout).toMatch(/^<details><summary><b>old-bot<\/b>: 2 changes, 1 flag<\/summary>$/m);
    expect(markdown.stdout).toMatch(
      /^\| 🔴 high \| `escalation` \| `ci-deployer` \| ci-deployer is granted "admin", which is full control of the organization \| `main.tf:\d+` \| \*\*fails\*\* \|$/m,
    );
    expect(markdown.stdout).toMatch(/^❌ \*\*Fails policy: 1 finding\.\*\*/m);
    // Dates, times and key prefixes differ per run.
    const normalized = markdown.stdout.replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2} UTC)?/g, 'YYYY-MM-DD').replace(/wdn_[0-9A-Za-z]{8}…/g, 'wdn_XXXXXXXX…');
    expect(normalized).toMatchSnapshot();
  });

  it('exits 0 when the policy passes, 1 when it fails, 2 on bad input', async () => {
    expect((await warden(['review', planJson, '--fail-on', 'delete-in-use,escalation'])).code).toBe(1);
    expect((await warden(['review', planJson, '--allow-admin', 'ci-deployer', '--fail-on', 'escalation'])).code).toBe(0);
    writeFileSync(join(tf.dir, 'policy.yaml'), 'fail_on: [ttl-above-limit]\nmax_ttl: 365d\n');
    expect((await warden(['review', planJson, '--policy', 'policy.yaml'])).code).toBe(0);
    writeFileSync(join(tf.dir, 'policy.yaml'), 'fail_on: [ttl-above-limit]\nmax_ttl: 30d\n');
    expect((await warden(['review', planJson, '--policy', 'policy.yaml'])).code).toBe(1);
    const badRule = await warden(['review', planJson, '--fail-on', 'everything']);
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toMatch(/"everything" is not a rule/);
    expect((await warden(['review', 'no-such-plan.json'])).code).toBe(2);
  });

  it('flags deleting an account whose keys are in use when asked to look live', async () => {
    const legacy = (await tf.state()).values.root_module.resources.find((r: { address: string }) => r.address === 'warden_api_key.old').values.secret;
    expect((await fetch(`${server.url}/v1/whoami`, { headers: { authorization: `Bearer ${legacy}` } })).status).toBe(200);
    const result = await warden(['review', planJson, '--format', 'json', '--live', '--fail-on', 'delete-in-use']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).flags).toContainEqual(expect.objectContaining({ rule: 'delete-in-use', account: 'old-bot', severity: 'high' }));
  });

  it('never prints a secret, even one planted in the plan JSON', async () => {
    const planted = generateToken();
    const plan = JSON.parse(readFileSync(planJson, 'utf8'));
    plan.resource_changes[0].change.after = { ...(plan.resource_changes[0].change.after ?? {}), secret: planted, description: `oops ${planted}` };
    // The non-expiring key: its label is in a flag, so SARIF and JUnit (findings only) carry it too.
    const key = plan.resource_changes.find((rc: { address: string }) => rc.address === 'warden_api_key.forever');
    key.change.after.label = `label-${planted}`;
    const tainted = join(tf.dir, 'tainted.json');
    writeFileSync(tainted, JSON.stringify(plan));
    const stateSecret = (await tf.resource('warden_api_key.ci')).secret;
    for (const format of ['text', 'markdown', 'json', 'sarif', 'junit']) {
      const out = await warden(['review', tainted, '--format', format]);
      expect(out.stdout + out.stderr).not.toContain(planted);
      expect(out.stdout + out.stderr).not.toContain(stateSecret);
      expect(out.stdout).toContain('wdn_[redacted]');
    }
  });
});
