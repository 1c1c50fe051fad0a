// The real `cdktn deploy` of examples/cdktn-quickstart on Node 22 (registry package) with the
// real terraform and the real server: the account and key exist as declared, a second deploy
// changes nothing, and with keyMaterial 'ephemeral' the key authenticates while no full
// `wdn_` token is written to the state, the plan JSON or cdktn.out.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWardenClient, type WardenClient } from '../../sdk/index.ts';
import { prepareProviderMirror } from '../../scripts/provider-mirror.ts';
import type { CdktnToolchain } from '../../scripts/cdktn-toolchain.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runProcess } from '../helpers/process.ts';
import { terraformBinary } from '../helpers/terraform.ts';
import { cdktn, filesWithTokens, prepareCdktn } from './helpers.ts';

// Each cdktn command runs init + plan/apply through two Node processes: slow on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

const example = resolve('examples/cdktn-quickstart');
const work = mkdtempSync(join(tmpdir(), 'warden-cdktn-'));
let server: TestServer;
let sdk: WardenClient;
let toolchain: CdktnToolchain;
let baseEnv: NodeJS.ProcessEnv;

/** One deployment of the example: its own state dir and output dir. */
function deployment(name: string, extraEnv: NodeJS.ProcessEnv = {}) {
  mkdirSync(join(work, name), { recursive: true });
  const outDir = join(work, name, 'cdktn.out');
  const stateDir = join(work, name, 'state');
  const env = { ...baseEnv, WARDEN_STATE_DIR: stateDir, ...extraEnv };
  const run = (args: string[], moreEnv: NodeJS.ProcessEnv = {}) =>
    cdktn(toolchain, [...args, '--output', outDir], { cwd: example, env: { ...env, ...moreEnv } });
  return { outDir, stateDir, env, run, stackDir: join(outDir, 'stacks', 'cdktn-quickstart'), stateFile: join(stateDir, 'cdktn-quickstart.tfstate') };
}

async function accounts() {
  const out: Record<string, { roles: string[]; keys: { id: string; label: string }[] }> = {};
  for await (const sa of sdk.serviceAccounts.iterate()) {
    const keys = [];
    for await (const key of sdk.keys.iterate({ serviceAccountId: sa.id, status: 'active' })) {
      keys.push({ id: key.id, label: key.label });
    }
    out[sa.name] = { roles: (await sdk.roleSets.get(sa.id)).roles, keys };
  }
  return out;
}

beforeAll(async () => {
  terraformBinary();
  toolchain = prepareCdktn();
  server = await startTestServer();
  sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
  const mirror = await prepareProviderMirror(join(work, 'terraform'));
  baseEnv = { ...process.env, ...mirror.env, WARDEN_ENDPOINT: server.url, WARDEN_API_KEY: server.adminToken, WARDEN_ORG: 'acme' };
}, 600_000);
afterAll(async () => {
  await server?.close();
});

describe('cdktn deploy examples/cdktn-quickstart', () => {
  const quickstart = () => deployment('quickstart');

  it('synthesizes with cdktn on Node 22', async () => {
    const result = await quickstart().run(['synth']);
    expect(result.code, result.output).toBe(0);
    const json = JSON.parse(readFileSync(join(quickstart().stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource.warden_api_key)).toHaveLength(1);
    expect(Object.values<any>(json.resource.warden_api_key)[0]).toMatchObject({
      label: 'github-actions',
      ttl: '90d',
      rotate_before: '15d',
      grace_period: '1h',
      lifecycle: { create_before_destroy: true },
    });
    expect(json.output.ci_github_actions_key).toMatchObject({ sensitive: true });
  });

  it('deploys the account, its role and its key', async () => {
    const result = await quickstart().run([
      'deploy',
      '--auto-approve',
      '--skip-provider-lock',
      '--outputs-file',
      join(work, 'outputs.json'),
      '--outputs-file-include-sensitive-outputs',
    ]);
    expect(result.code, result.output).toBe(0);
    const state = await accounts();
    expect(state['ci-github-actions']).toEqual({ roles: ['member'], keys: [{ id: expect.stringMatching(/^key_/), label: 'github-actions' }] });
    // The server-generated secret is the stack's sensitive output, and it authenticates.
    const outputs = JSON.parse(readFileSync(join(work, 'outputs.json'), 'utf8'));
    // cdktn nests outputs by construct path in the outputs file, like cdktf.
    const secret = outputs['cdktn-quickstart'].ci['key-github-actions'].ci_github_actions_key;
    const me = await createWardenClient({ endpoint: server.url, apiKey: secret, organization: 'acme' }).whoami();
    expect(me.principal.name).toBe('ci-github-actions');
  });

  it('changes nothing on a second deploy', async () => {
    const before = await accounts();
    const result = await quickstart().run(['deploy', '--auto-approve', '--skip-provider-lock']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/No changes/);
    expect(await accounts()).toEqual(before);
  });

  it('cdktn destroy removes what it created', async () => {
    const result = await quickstart().run(['destroy', '--auto-approve']);
    expect(result.code, result.output).toBe(0);
    expect(Object.keys(await accounts())).toEqual(['bootstrap-admin']);
  });
});

describe("cdktn deploy with keyMaterial 'ephemeral'", () => {
  const checkFile = join(work, 'check-key.json');
  const ephemeral = () => deployment('ephemeral', { WARDEN_KEY_MATERIAL: 'ephemeral', WARDEN_CHECK_KEY: checkFile });

  it('plans without any token in the plan JSON or cdktn.out', async () => {
    const d = ephemeral();
    const synth = await d.run(['synth']);
    expect(synth.code, synth.output).toBe(0);
    const json = JSON.parse(readFileSync(join(d.stackDir, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.ephemeral.warden_key_material)).toHaveLength(1);
    expect(Object.values<any>(json.resource.warden_api_key)[0]).toMatchObject({
      secret_wo: expect.stringMatching(/^\$\{ephemeral\.warden_key_material\..+\.token\}$/),
      secret_wo_version: 1,
    });
    const tf = (args: string[]) => runProcess(terraformBinary(), args, { cwd: d.stackDir, env: d.env });
    expect((await tf(['init', '-input=false', '-no-color'])).code).toBe(0);
    const plan = await tf(['plan', '-input=false', '-no-color', '-out', 'plan.bin']);
    expect(plan.code, plan.output).toBe(0);
    const show = await tf(['show', '-json', 'plan.bin']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('"secret_wo_version":1');
    expect(show.stdout).not.toMatch(/wdn_[0-9A-Za-z]{49}/);
    expect(filesWithTokens(d.outDir)).toEqual([]);
  });

  it('creates a key that authenticates with the ephemeral material, keeping every token out of state and cdktn.out', async () => {
    const d = ephemeral();
    const result = await d.run(['deploy', '--auto-approve', '--skip-provider-lock']);
    expect(result.code, result.output).toBe(0);
    // The provisioner that received the material called whoami as the new key.
    const state = JSON.parse(readFileSync(d.stateFile, 'utf8'));
    const key = state.resources.find((r: { type: string }) => r.type === 'warden_api_key').instances[0].attributes;
    expect(JSON.parse(readFileSync(checkFile, 'utf8'))).toEqual({ principal: 'ci-github-actions', keyPrefix: key.prefix });
    expect(key.secret).toBeNull();
    expect(key.secret_wo).toBeNull();
    expect(key.prefix).toMatch(/^wdn_[0-9A-Za-z]{8}$/);
    expect(filesWithTokens(d.stateDir)).toEqual([]);
    expect(filesWithTokens(d.outDir)).toEqual([]);
    expect(result.output).not.toMatch(/wdn_[0-9A-Za-z]{49}/);
  });

  it('keeps the same key on the next deploy: fresh material is not sent while secret_wo_version stays', async () => {
    const before = await accounts();
    const d = ephemeral();
    const result = await d.run(['deploy', '--auto-approve', '--skip-provider-lock']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/warden_api_key\.\S+ (?:will|must) be/);
    expect(await accounts()).toEqual(before);
    expect(filesWithTokens(d.stateDir)).toEqual([]);
  });
});
