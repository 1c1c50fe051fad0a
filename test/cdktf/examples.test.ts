// Every example app synthesizes, and the zero-downtime rotation example deploys: bumping
// the generation replaces exactly one of the two keys while the other keeps working.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, createWardenClient } from '../../sdk/index.ts';
import { prepareProviderMirror } from '../../scripts/provider-mirror.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { runProcess } from '../helpers/process.ts';
import { terraformBinary } from '../helpers/terraform.ts';

const work = mkdtempSync(join(tmpdir(), 'warden-examples-'));
let server: TestServer;
let env: NodeJS.ProcessEnv;

const cdktf = (example: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  runProcess(resolve('node_modules/.bin/cdktf'), [...args, '--output', join(work, `${example}.out`)], { cwd: resolve('examples', example), env: { ...env, ...extra } });

beforeAll(async () => {
  terraformBinary();
  server = await startTestServer();
  const mirror = await prepareProviderMirror(join(work, 'terraform'));
  env = {
    ...process.env, ...mirror.env, WARDEN_ENDPOINT: server.url, WARDEN_API_KEY: server.adminToken, WARDEN_ORG: 'acme',
    WARDEN_STATE_DIR: join(work, 'state'), CI: '1', DISABLE_VERSION_CHECK: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', NO_COLOR: '1',
  };
});
afterAll(() => server?.close());

describe('examples', () => {
  it.each(['quickstart', 'org-bootstrap', 'key-rotation'])('%s synthesizes', async (example) => {
    const result = await cdktf(example, ['synth']);
    expect(result.code, result.output).toBe(0);
    const stack = JSON.parse(readFileSync(join(work, `${example}.out`, 'stacks', example, 'cdk.tf.json'), 'utf8'));
    expect(stack.terraform.required_providers.warden.source).toBe('wardenhq/warden');
    expect(Object.keys(stack.resource.warden_service_account ?? {}).length).toBeGreaterThan(0);
  });

  it('key-rotation replaces only the older key per generation', async () => {
    const sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken, organization: 'acme' });
    const active = async () => Object.fromEntries((await collect(sdk.keys.iterate({ status: 'active' }))).filter((k) => k.label.startsWith('payments-')).map((k) => [k.label, k.id]));
    expect((await cdktf('key-rotation', ['deploy', '--auto-approve', '--skip-provider-lock'], { ROTATION_GENERATION: '0' })).code).toBe(0);
    const first = await active();
    expect(Object.keys(first).sort()).toEqual(['payments-a', 'payments-b']);
    const bumped = await cdktf('key-rotation', ['deploy', '--auto-approve', '--skip-provider-lock'], { ROTATION_GENERATION: '1' });
    expect(bumped.code, bumped.output).toBe(0);
    server.clock.advance(2 * 3_600_000);
    const second = await active();
    expect(second['payments-a']).toBe(first['payments-a']);
    expect(second['payments-b']).not.toBe(first['payments-b']);
  });
});
