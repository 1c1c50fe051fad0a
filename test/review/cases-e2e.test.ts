// Issue 11, case by case, with the real terraform against the real server: each case
// applies its own configuration in its own working directory, saves a plan (or changes
// the organization) and checks `warden review` / `warden audit-drift` — exact findings,
// verdicts and exit codes — plus SARIF, JUnit and JSON validity on these real outputs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServiceAccount, WardenProvider } from '../../cdktf-constructs/src/index.ts';
import { ManualClock } from '../../server/clock.ts';
import { runProcess } from '../helpers/process.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TerraformWorkspace, terraformBinary } from '../helpers/terraform.ts';
import { parseJunit, reviewJsonErrors, sarifErrors } from './formats.ts';

// Each case runs terraform init/apply/plan several times: on a loaded machine that takes minutes.
vi.setConfig({ testTimeout: 600_000 });

let server: TestServer;

const warden = (cwd: string, args: string[], env: NodeJS.ProcessEnv) =>
  runProcess(process.execPath, [resolve('cli/bin/warden.js'), ...args], { cwd, env: { ...env, NO_COLOR: '1' } });

/** A fresh working directory with `hcl` applied. */
async function applied(hcl: string): Promise<TerraformWorkspace> {
  const tf = await TerraformWorkspace.create(server.url, server.adminToken);
  tf.write(hcl);
  await tf.ok(['init', '-no-color']);
  await tf.ok(['apply', '-auto-approve', '-no-color']);
  return tf;
}

/** Plans `hcl` (or a destroy) in `tf`, returns `warden review plan.bin --format json` and its exit code. */
async function review(tf: TerraformWorkspace, hcl: string | 'destroy', args: string[] = []) {
  if (hcl === 'destroy') {
    await tf.ok(['plan', '-destroy', '-out', 'plan.bin', '-no-color']);
  } else {
    tf.write(hcl);
    await tf.ok(['plan', '-out', 'plan.bin', '-no-color']);
  }
  const result = await warden(tf.dir, ['review', 'plan.bin', '--format', 'json', ...args], tf.env);
  const report = JSON.parse(result.stdout);
  expect(reviewJsonErrors(report)).toEqual([]);
  return {
    code: result.code,
    stderr: result.stderr,
    report,
    flags: (report.flags as { rule: string; severity: string; account: string; fails: boolean }[])
      .map((f) => `${f.severity}:${f.rule}:${f.account}${f.fails ? ':fails' : ''}`)
      .sort(),
  };
}

const useKey = async (secret: string) => expect((await fetch(`${server.url}/v1/whoami`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);

beforeAll(async () => {
  terraformBinary();
  server = await startTestServer({ clock: new ManualClock(Date.now()) });
});
afterAll(() => server?.close());

describe('warden review: verdicts', () => {
  it('fails by default on a grant of admin and a non-expiring key; --fail-on none opts out', async () => {
    const tf = await applied('resource "warden_service_account" "a" {\n  name = "default-bot"\n}\n');
    const hcl = `resource "warden_service_account" "a" {\n  name = "default-bot"\n}\nresource "warden_role_assignment" "admin" {\n  service_account_id = warden_service_account.a.id\n  role = "admin"\n}\nresource "warden_api_key" "forever" {\n  service_account_id = warden_service_account.a.id\n  label = "forever"\n}\n`;
    const result = await review(tf, hcl);
    expect(result.flags).toEqual(['high:escalation:default-bot:fails', 'high:non-expiring:default-bot:fails']);
    expect(result.report.passed).toBe(false);
    expect(result.code).toBe(1);
    const text = await warden(tf.dir, ['review', 'plan.bin'], tf.env);
    expect(text.stdout).toMatch(/^FAIL: 2 findings fail the policy/m);
    expect(text.code).toBe(1);
    const optOut = await warden(tf.dir, ['review', 'plan.bin', '--fail-on', 'none'], tf.env);
    expect(optOut.stdout).toMatch(/^PASS/m);
    expect(optOut.code).toBe(0);

    // CI formats on this real plan: SARIF points at main.tf and the resource's line; JUnit parses.
    const sarif = JSON.parse((await warden(tf.dir, ['review', 'plan.bin', '--format', 'sarif'], tf.env)).stdout);
    expect(sarifErrors(sarif)).toEqual([]);
    const admin = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'escalation');
    // main.tf: 6 header lines from TerraformWorkspace.write, then the account (3 lines): the assignment is on line 10.
    expect(admin.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'main.tf' }, region: { startLine: 10 } });
    expect(admin.level).toBe('error');
    const junit = parseJunit((await warden(tf.dir, ['review', 'plan.bin', '--format', 'junit'], tf.env)).stdout);
    expect(junit.suites).toMatchObject({ failures: 2 });
    expect(
      junit.cases
        .filter((c) => c.failure)
        .map((c) => c.failure!.type)
        .sort(),
    ).toEqual(['escalation', 'non-expiring']);
    const markdown = (await warden(tf.dir, ['review', 'plan.bin', '--format', 'markdown'], tf.env)).stdout;
    expect(markdown.split('\n')[0]).toBe('<!-- warden-review -->');
    expect(markdown).toMatch(/^\| 🔴 high \| `non-expiring` \| `default-bot` \| key "forever" never expires \(no ttl\) \| `main.tf:14` \| \*\*fails\*\* \|$/m);
  });

  it('a destroy plan says keys are revoked at once with their account, not after their grace period', async () => {
    const tf = await applied(
      `resource "warden_service_account" "a" {\n  name = "doomed-bot"\n}\nresource "warden_api_key" "k" {\n  service_account_id = warden_service_account.a.id\n  label = "doomed"\n  ttl = "30d"\n  grace_period = "1h"\n}\n`,
    );
    const result = await review(tf, 'destroy', ['--no-live']);
    const changes = result.report.accounts.find((a: { account: string }) => a.account === 'doomed-bot').changes;
    const revoked = changes.find((c: { kind: string }) => c.kind === 'key-revoked');
    expect(revoked.detail).toMatch(/^revoked at once with its account \(its 1h grace period does not apply: the account is deleted\) \(wdn_[0-9A-Za-z]{8}…\)$/);
    expect(result.report.accounts[0].changes.map((c: { detail: string }) => c.detail).join()).not.toMatch(/revoked after/);
    // Without the server, the deletion cannot be checked: reported (low), not failing.
    expect(result.flags).toEqual(['low:delete-in-use:doomed-bot']);
    expect(result.code).toBe(0);
  });

  it('--live flags revoking a single key that is still in use', async () => {
    const base = `resource "warden_service_account" "a" {\n  name = "revoke-bot"\n}\nresource "warden_api_key" "keep" {\n  service_account_id = warden_service_account.a.id\n  label = "keep"\n  ttl = "30d"\n}\n`;
    const tf = await applied(
      `${base}resource "warden_api_key" "busy" {\n  service_account_id = warden_service_account.a.id\n  label = "busy"\n  ttl = "30d"\n}\n`,
    );
    await useKey((await tf.resource('warden_api_key.busy')).secret);
    const result = await review(tf, base, ['--live']);
    expect(result.flags).toEqual(['high:revoke-in-use:revoke-bot:fails']);
    expect(result.report.flags[0].message).toMatch(/^key "busy" is revoked at once but was used at \S+ \(within 30d\)/);
    expect(result.code).toBe(1);
    const offline = await review(tf, base, ['--no-live']);
    expect(offline.flags).toEqual(['low:revoke-in-use:revoke-bot']);
    expect(offline.code).toBe(0);
  });

  it('--live flags disabling an account whose keys are in use', async () => {
    const account = (disabled: boolean) =>
      `resource "warden_service_account" "a" {\n  name = "pause-bot"\n  disabled = ${disabled}\n}\nresource "warden_api_key" "k" {\n  service_account_id = warden_service_account.a.id\n  label = "worker"\n  ttl = "30d"\n}\n`;
    const tf = await applied(account(false));
    await useKey((await tf.resource('warden_api_key.k')).secret);
    const result = await review(tf, account(true), ['--live']);
    expect(result.flags).toEqual(['high:disable-in-use:pause-bot:fails']);
    expect(result.report.flags[0].message).toMatch(/^pause-bot is disabled but still has 1 active key\(s\); "worker" was used at /);
    expect(result.code).toBe(1);
  });

  it('resolves a custom role created in the same plan from its planned values, and flags granting its management permissions', async () => {
    // `role = warden_role.x.id` (what CustomRole does): unknown until apply, so the provider's
    // plan-time role check waits, and the review follows the reference to the planned role.
    const role = (permissions: string) => `resource "warden_role" "granter" {\n  name = "granter"\n  permissions = [${permissions}]\n}\n`;
    const account = 'resource "warden_service_account" "a" {\n  name = "role-bot"\n}\n';
    const grant = 'resource "warden_role_assignment" "g" {\n  service_account_id = warden_service_account.a.id\n  role = warden_role.granter.id\n}\n';
    const tf = await applied(account);
    const result = await review(tf, account + role('"org:read", "role_assignments:write"') + grant, ['--no-live']);
    expect(result.flags).toEqual(['high:escalation:role granter:fails', 'high:escalation:role-bot:fails']);
    expect(result.report.flags.find((f: { account: string }) => f.account === 'role-bot').message).toBe(
      'role-bot is granted "granter", which holds role_assignments:write: it can change permissions, its own included',
    );
    expect(result.report.accounts[0].changes).toContainEqual(expect.objectContaining({ kind: 'role-granted', subject: 'granter' }));
    expect(result.code).toBe(1);
    // A harmless custom role is resolved the same way: no flag at all, not even "cannot verify".
    const harmless = await review(tf, account + role('"org:read", "keys:read"') + grant, ['--no-live']);
    expect(harmless.flags).toEqual([]);
    expect(harmless.code).toBe(0);
  });
});

describe('warden audit-drift: inputs', () => {
  it('reports the replaced key of a zero-downtime rotation as retiring (info), not unmanaged', async () => {
    const key = (generation: string) =>
      `resource "warden_service_account" "a" {\n  name = "rotating-bot"\n}\nresource "warden_api_key" "k" {\n  service_account_id = warden_service_account.a.id\n  label = "deploy"\n  ttl = "30d"\n  grace_period = "1h"\n  rotation_triggers = { generation = "${generation}" }\n  lifecycle {\n    create_before_destroy = true\n  }\n}\n`;
    const tf = await applied(key('1'));
    tf.write(key('2'));
    await tf.ok(['apply', '-auto-approve', '-no-color']);
    const result = await warden(
      tf.dir,
      ['audit-drift', '--state', '.', '--format', 'json', '--ignore-accounts', 'bootstrap-admin,default-bot,doomed-bot,revoke-bot,pause-bot,role-bot'],
      tf.env,
    );
    const report = JSON.parse(result.stdout);
    const mine = report.findings.filter((f: { account: string }) => f.account === 'rotating-bot');
    expect(mine).toEqual([expect.objectContaining({ rule: 'retiring-key', severity: 'info', key: 'deploy', fails: false })]);
    expect(mine[0].message).toMatch(/^key "deploy" \(wdn_[0-9A-Za-z]{8}…\) is retiring until \S+ \(revoked with a grace period, \d+[hm] left\)$/);
    expect(result.code).toBe(0);
    // After the grace period the old key is gone: nothing left to report.
    server.clock.advance(2 * 3_600_000);
    const later = JSON.parse(
      (
        await warden(
          tf.dir,
          ['audit-drift', '--state', '.', '--format', 'json', '--ignore-accounts', 'bootstrap-admin,default-bot,doomed-bot,revoke-bot,pause-bot,role-bot'],
          tf.env,
        )
      ).stdout,
    );
    expect(later.findings.filter((f: { account: string }) => f.account === 'rotating-bot')).toEqual([]);
    server.clock.advance(-2 * 3_600_000);
  });

  it('refuses a folder without any state (exit 2) instead of calling everything unmanaged', async () => {
    const tf = await TerraformWorkspace.create(server.url, server.adminToken);
    const empty = mkdtempSync(join(tmpdir(), 'warden-empty-'));
    const result = await warden(empty, ['audit-drift', '--state', empty], tf.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no Terraform state found in .*: expected a \.tfstate file, a Terraform working directory \(after terraform init\) or a CDKTF app folder/,
    );
    expect(result.stdout).toBe('');
    // Configuration without init or state: says how to get one.
    tf.write('resource "warden_service_account" "x" {\n  name = "never-applied"\n}\n');
    const uninitialised = await warden(tf.dir, ['audit-drift', '--state', '.'], tf.env);
    expect(uninitialised.code).toBe(2);
    expect(uninitialised.stderr).toMatch(/neither \.terraform\/ \(run terraform init, which also reaches a remote backend\) nor terraform\.tfstate/);
    // Initialised but never applied: the state is empty, which is no basis for a verdict either.
    await tf.ok(['init', '-no-color']);
    const unapplied = await warden(tf.dir, ['audit-drift', '--state', '.'], tf.env);
    expect(unapplied.code).toBe(2);
    expect(unapplied.stderr).toMatch(/the Terraform state of \. is empty/);
  });

  it('reads two states together, for an organization split across working directories', async () => {
    const team = (name: string) =>
      `resource "warden_service_account" "a" {\n  name = "${name}"\n}\nresource "warden_api_key" "k" {\n  service_account_id = warden_service_account.a.id\n  label = "main"\n  ttl = "90d"\n}\n`;
    const one = await applied(team('team-one'));
    const two = await applied(team('team-two'));
    const ignore = ['--ignore-accounts', 'bootstrap-admin,default-bot,doomed-bot,revoke-bot,pause-bot,role-bot,rotating-bot,cdktf-bot'];
    const both = await warden(one.dir, ['audit-drift', '--state', one.dir, '--state', two.dir, '--format', 'json', ...ignore], one.env);
    expect(JSON.parse(both.stdout).findings).toEqual([]);
    expect(both.code).toBe(0);
    const onlyOne = await warden(one.dir, ['audit-drift', '--state', one.dir, '--format', 'json', ...ignore], one.env);
    expect(JSON.parse(onlyOne.stdout).findings.map((f: { rule: string; account: string }) => `${f.rule}:${f.account}`)).toEqual(['unmanaged-account:team-two']);
    expect(onlyOne.code).toBe(1);
  });

  it('finds the stack states of a CDKTF app folder', async () => {
    const tf = await TerraformWorkspace.create(server.url, server.adminToken);
    const appDir = join(tf.dir, 'app');
    mkdirSync(appDir);
    writeFileSync(join(appDir, 'cdktf.json'), JSON.stringify({ app: 'npx tsx main.ts', language: 'typescript' }));
    const app = new App({ outdir: join(appDir, 'cdktf.out') });
    const stack = new TerraformStack(app, 'identities');
    new LocalBackend(stack, { path: join(appDir, 'terraform.identities.tfstate') });
    new WardenProvider(stack);
    new ServiceAccount(stack, 'bot', { name: 'cdktf-bot', description: 'drift test' }).addKey({ label: 'main', ttl: '30d' });
    app.synth();
    const stackDir = join(appDir, 'cdktf.out', 'stacks', 'identities');
    const ignore = ['--ignore-accounts', 'bootstrap-admin,default-bot,doomed-bot,revoke-bot,pause-bot,role-bot,rotating-bot,team-one,team-two'];
    // Synthesized but not deployed: no state yet, and the message says where it was looked for.
    const undeployed = await warden(appDir, ['audit-drift', '--state', appDir], tf.env);
    expect(undeployed.code).toBe(2);
    expect(undeployed.stderr).toMatch(/no state found for every stack of the CDKTF app .*stack identities: no state at .*terraform\.identities\.tfstate/);
    for (const args of [
      ['init', '-no-color'],
      ['apply', '-auto-approve', '-no-color'],
    ]) {
      const run = await runProcess(terraformBinary(), args, { cwd: stackDir, env: tf.env });
      expect(run.code, run.stderr).toBe(0);
    }
    const result = await warden(appDir, ['audit-drift', '--state', '.', '--format', 'json', ...ignore], tf.env);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([`stack identities: ${join(appDir, 'terraform.identities.tfstate')}`]);
    expect(result.code).toBe(0);
    // The same organization against an unrelated state: the CDKTF account is unmanaged.
    const other = await applied('resource "warden_service_account" "z" {\n  name = "unrelated"\n}\n');
    const unrelated = JSON.parse((await warden(other.dir, ['audit-drift', '--state', '.', '--format', 'json', ...ignore], other.env)).stdout);
    expect(unrelated.findings.map((f: { rule: string; account: string }) => `${f.rule}:${f.account}`)).toContain('unmanaged-account:cdktf-bot');
  });
});
