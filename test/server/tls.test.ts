// TLS end to end: a CA made in the test issues the server's certificate; `warden server
// --tls-cert/--tls-key` serves HTTPS with HSTS; the SDK (ca option), the CLI and the
// provider under the real terraform (WARDEN_CA_FILE) trust that CA and nothing changes for
// them; without the CA each fails with a message naming WARDEN_CA_FILE. Plain HTTP on a
// non-loopback address is refused before anything listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.ts';
import { fetchTrustingCa } from '../../sdk/ca-fetch.ts';
import { WardenApiError, createWardenClient } from '../../sdk/index.ts';
import { startServer } from '../../server/start.ts';
import { runProcess } from '../helpers/process.ts';
import { TerraformWorkspace, terraformBinary } from '../helpers/terraform.ts';
import { createTestPki, type TestPki } from '../helpers/test-ca.ts';

const BIN = resolve('cli/bin/warden.js');
const dir = mkdtempSync(join(tmpdir(), 'warden-tls-'));
const caFile = join(dir, 'ca.pem');
const baseEnv: NodeJS.ProcessEnv = { ...process.env, WARDEN_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
for (const name of ['WARDEN_ENDPOINT', 'WARDEN_API_KEY', 'WARDEN_ORG', 'WARDEN_CA_FILE']) {
  delete baseEnv[name];
}
let pki: TestPki;
let server: ChildProcess;
let url = '';
let adminKey = '';

const warden = (args: string[], env: NodeJS.ProcessEnv = {}) => runProcess(process.execPath, [BIN, ...args], { cwd: dir, env: { ...baseEnv, ...env } });

beforeAll(async () => {
  terraformBinary();
  await buildCli();
  pki = await createTestPki();
  writeFileSync(caFile, pki.caPem);
  writeFileSync(join(dir, 'server.pem'), pki.certPem);
  writeFileSync(join(dir, 'server-key.pem'), pki.keyPem, { mode: 0o600 });
  const init = await warden(['init', '--org', 'acme', '--key-file', 'admin.key']);
  expect(init.code, init.stderr).toBe(0);
  adminKey = readFileSync(join(dir, 'admin.key'), 'utf8').trim();

  server = spawn(process.execPath, [BIN, 'server', '--port', '0', '--tls-cert', 'server.pem', '--tls-key', 'server-key.pem', '--log-level', 'warn'], {
    cwd: dir,
    env: baseEnv,
  });
  let stdout = '';
  let stderr = '';
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  url = await new Promise<string>((resolveUrl, reject) => {
    server.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /^listening on (https:\/\/127\.0\.0\.1:\d+)\n/m.exec(stdout);
      if (match) {
        resolveUrl(match[1]!);
      }
    });
    server.on('exit', (code) => reject(new Error(`warden server exited with ${code}: ${stderr}`)));
  });
}, 120_000);

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('warden server --tls-cert/--tls-key', () => {
  it('serves HTTPS with HSTS on answers and on errors', async () => {
    const trusted = fetchTrustingCa(pki.caPem);
    const health = await trusted(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    const missing = await trusted(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('the SDK works with the CA, and explains the failure without it', async () => {
    const sdk = createWardenClient({ endpoint: url, apiKey: adminKey, ca: pki.caPem });
    expect((await sdk.whoami()).organization.name).toBe('acme');
    const created = await sdk.serviceAccounts.create({ name: 'tls-sdk', description: 'made over HTTPS' });
    expect((await sdk.serviceAccounts.get(created.data.id)).data.description).toBe('made over HTTPS');

    const untrusting = createWardenClient({ endpoint: url, apiKey: adminKey, retry: { retries: 0 } });
    const error = await untrusting.whoami().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WardenApiError);
    expect((error as WardenApiError).code).toBe('network_error');
    expect((error as WardenApiError).message).toContain('WARDEN_CA_FILE');
  });

  it('the CLI trusts WARDEN_CA_FILE, and refuses a missing CA file as a usage error', async () => {
    const env = { WARDEN_ENDPOINT: url, WARDEN_API_KEY: adminKey };
    const ok = await warden(['whoami', '--json'], { ...env, WARDEN_CA_FILE: caFile });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).organization.name).toBe('acme');
    const created = await warden(['service-accounts', 'create', 'tls-cli', '--json'], { ...env, WARDEN_CA_FILE: caFile });
    expect(created.code, created.stderr).toBe(0);

    const untrusted = await warden(['whoami'], env);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('WARDEN_CA_FILE');
    const missingFile = await warden(['whoami'], { ...env, WARDEN_CA_FILE: join(dir, 'nope.pem') });
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toMatch(/WARDEN_CA_FILE: cannot read .*nope\.pem \(no such file\)/);
  });

  it('the provider under the real terraform applies through the private CA', async () => {
    const tf = await TerraformWorkspace.create(url, adminKey);
    try {
      tf.write('resource "warden_service_account" "tls" {\n  name        = "tls-terraform"\n  description = "made by terraform over HTTPS"\n}\n');
      await tf.ok(['init', '-no-color']);
      await tf.ok(['apply', '-auto-approve', '-no-color'], { WARDEN_CA_FILE: caFile });
      const sdk = createWardenClient({ endpoint: url, apiKey: adminKey, organization: 'acme', ca: pki.caPem });
      expect((await sdk.serviceAccounts.findByName('tls-terraform'))?.description).toBe('made by terraform over HTTPS');
      const plan = await tf.run(['plan', '-detailed-exitcode', '-no-color'], { WARDEN_CA_FILE: caFile });
      expect(plan.code, plan.output).toBe(0);

      const untrusted = await tf.run(['plan', '-no-color'], { WARDEN_CA_FILE: '' });
      expect(untrusted.code).not.toBe(0);
      expect(untrusted.output).toContain('WARDEN_CA_FILE');

      // The same CA through the provider's ca_file attribute instead of the environment.
      const main = readFileSync(join(tf.dir, 'main.tf'), 'utf8');
      writeFileSync(join(tf.dir, 'main.tf'), main.replace('provider "warden" {}', `provider "warden" {\n  ca_file = ${JSON.stringify(caFile)}\n}`));
      const viaAttribute = await tf.run(['plan', '-detailed-exitcode', '-no-color'], { WARDEN_CA_FILE: '' });
      expect(viaAttribute.code, viaAttribute.output).toBe(0);
      writeFileSync(
        join(tf.dir, 'main.tf'),
        main.replace('provider "warden" {}', `provider "warden" {\n  ca_file = ${JSON.stringify(join(dir, 'nope.pem'))}\n}`),
      );
      const badFile = await tf.run(['plan', '-no-color'], { WARDEN_CA_FILE: '' });
      expect(badFile.code).not.toBe(0);
      // terraform wraps diagnostic text; compare with the line breaks folded.
      const folded = badFile.output.replace(/\s+/g, ' ');
      expect(folded).toContain('Unusable Warden CA file');
      expect(folded).toMatch(/ca_file: cannot read \S*nope\.pem \(no such file\)/);
    } finally {
      rmSync(tf.dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('plain HTTP beyond loopback', () => {
  it('warden server refuses it with exit 2 and says why and what to pass', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const refused = await warden(['server', '--host', host, '--port', '0', '--data-dir', join(dir, 'refused')]);
      expect(refused.code, refused.output).toBe(2);
      expect(refused.stderr).toContain(`refusing to serve plain HTTP on ${host}`);
      expect(refused.stderr).toContain('--tls-cert');
      expect(refused.stderr).toContain('--insecure-http');
      expect(refused.stdout).not.toContain('listening on');
    }
  });

  it('startServer refuses it too, before opening storage', async () => {
    await expect(startServer({ host: '0.0.0.0', port: 0, dataDir: join(dir, 'never-created') })).rejects.toThrow(/refusing to serve plain HTTP on 0\.0\.0\.0/);
    expect(() => readFileSync(join(dir, 'never-created', 'warden.db'))).toThrow();
  });

  it('--tls-cert without --tls-key is a usage error', async () => {
    const half = await warden(['server', '--port', '0', '--tls-cert', 'server.pem']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--tls-cert and --tls-key go together');
  });
});
