// Every example app synthesizes offline with the real `cdktf synth` (no server, no
// registry), a policy violation fails it naming the construct, and the zero-downtime
// rotation example deploys: bumping the generation replaces only the older key.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, createWardenClient } from '@wardenhq/sdk';
import { prepareProviderMirror } from '../../scripts/provider-mirror.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runProcess } from '../helpers/process.ts';
import { terraformBinary } from '../helpers/terraform.ts';

const work = mkdtempSync(join(tmpdir(), 'warden-examples-'));
const offline: NodeJS.ProcessEnv = {
  ...process.env,
  CI: '1',
  CHECKPOINT_DISABLE: '1',
  DISABLE_VERSION_CHECK: '1',
  CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

const cdktf = (example: string, args: string[], env: NodeJS.ProcessEnv, out = `${example}.out`) =>
  runProcess(resolve('node_modules/.bin/cdktf'), [...args, '--output', join(work, out)], { cwd: resolve('examples', example), env });

const synthesized = (out: string, stack: string) => JSON.parse(readFileSync(join(work, out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

describe('examples synthesize offline', () => {
  it.each(['quickstart', 'org-bootstrap', 'key-rotation'])('%s', async (example) => {
    const result = await cdktf(example, ['synth'], offline);
    expect(result.code, result.output).toBe(0);
    const stack = synthesized(`${example}.out`, example);
    expect(stack.terraform.required_providers.warden).toEqual({ source: 'wardenhq/warden', version: '0.1.0' });
    // Provider settings come from WARDEN_* when Terraform runs, never from the synthesized file.
    expect(stack.provider.warden).toEqual([{}]);
    expect(Object.keys(stack.resource.warden_service_account ?? {}).length).toBeGreaterThan(0);
    for (const output of Object.values(stack.output ?? {}) as { sensitive?: boolean }[]) {
      expect(output.sensitive).toBe(true);
    }
  });

  it('quickstart: ci-github-actions with member and a 90-day key rotated 15 days early', () => {
    const stack = synthesized('quickstart.out', 'quickstart');
    expect(Object.values(stack.resource.warden_service_account)).toEqual([expect.objectContaining({ name: 'ci-github-actions' })]);
    expect(Object.values(stack.resource.warden_service_account_roles)).toEqual([expect.objectContaining({ roles: ['member'] })]);
    expect(Object.values(stack.resource.warden_api_key)).toEqual([
      expect.objectContaining({ ttl: '90d', rotate_before: '15d', grace_period: '1h', lifecycle: { create_before_destroy: true } }),
    ]);
    expect(Object.keys(stack.output)).toEqual(['ci_github_actions_key']);
  });

  it('org-bootstrap fails synthesis on a policy violation, naming every offending construct', async () => {
    const bad = join(work, 'bad-organization.yaml');
    writeFileSync(
      bad,
      readFileSync('examples/org-bootstrap/organization.yaml', 'utf8').replaceAll('roles: [deployer]', 'roles: [admin]').replace('ttl: 90d', 'ttl: 180d'),
    );
    const result = await cdktf('org-bootstrap', ['synth'], { ...offline, WARDEN_ORG_DOCUMENT: bad }, 'bad.out');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      '[org-bootstrap/acme/ci-staging]: [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-staging" (only for automation-admin)',
    );
    expect(result.output).toContain(
      '[org-bootstrap/acme/ci-production]: [policy ForbiddenRoles] role "admin" is not allowed for service account "ci-production"',
    );
    expect(result.output).toContain('[org-bootstrap/acme/runtime-snapshotter/key-runtime-snapshots]: [policy MaxKeyTtl] ttl 180d exceeds the maximum 90d');
  });

  it('org-bootstrap refuses a bad document with every problem and its path', async () => {
    const bad = join(work, 'invalid-organization.yaml');
    writeFileSync(bad, 'serviceAccounts:\n  - name: ci-prod\n    keys:\n      - label: gha\n        ttl: 90x\n  - name: Bad Name\n');
    const result = await cdktf('org-bootstrap', ['synth'], { ...offline, WARDEN_ORG_DOCUMENT: bad }, 'invalid.out');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('serviceAccounts[0].keys[0].ttl: "90x" is not a duration (use 90d, 12h, 15m or 90s)');
    expect(result.output).toContain('serviceAccounts[1].name: "Bad Name" is not a valid name');
  });
});

describe('key-rotation deploys', () => {
  let server: TestServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    terraformBinary();
    server = await startTestServer();
    const mirror = await prepareProviderMirror(join(work, 'terraform'));
    env = {
      ...offline,
      ...mirror.env,
      WARDEN_ENDPOINT: server.url,
      WARDEN_API_KEY: server.adminToken,
      WARDEN_ORG: 'acme',
      WARDEN_STATE_DIR: join(work, 'state'),
    };
  });
  afterAll(() => server?.close());

  it('replaces only the older key per generation', async () => {
    const sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
    const active = async () =>
      Object.fromEntries((await collect(sdk.keys.iterate({ status: 'active' }))).filter((k) => k.label.startsWith('payments-')).map((k) => [k.label, k.id]));
    const deploy = (generation: string) =>
      cdktf('key-rotation', ['deploy', '--auto-approve', '--skip-provider-lock'], { ...env, ROTATION_GENERATION: generation });
    const first = await deploy('0');
    expect(first.code, first.output).toBe(0);
    const before = await active();
    expect(Object.keys(before).sort()).toEqual(['payments-a', 'payments-b']);
    const bumped = await deploy('1');
    expect(bumped.code, bumped.output).toBe(0);
    server.clock.advance(2 * 3_600_000);
    const after = await active();
    expect(after['payments-a']).toBe(before['payments-a']);
    expect(after['payments-b']).not.toBe(before['payments-b']);
  });
});
