// The release as a team outside this repository uses it: `npm run release`, the provider
// zip unpacked into a filesystem mirror and checked against SHA256SUMS, the three npm
// tarballs installed into a fresh plain-JavaScript cdktf app, a stack synthesized with the
// packaged constructs and applied by the real terraform against a server started from the
// installed CLI; then the packaged SDK and CLI see what was applied. Also: every platform's
// executable has the right format, carries no path of this checkout, and starts with no
// Node and no node_modules around it (Node's own code mentions node_modules, so that is
// checked by running it, not by its bytes).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryFormat } from '../../provider/packaging/binary-format.ts';
import { hostPlatform, writeCliConfig } from '../../provider/packaging/mirror.ts';
import { TARGETS } from '../../provider/packaging/node-dist.ts';
import { parseSha256Sums, sha256, sumsName, unzipFiles, zipName } from '../../provider/packaging/release-files.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../provider/protocol/handshake.ts';
import { WARDEN_VERSION } from '../../sdk/generated/version.ts';
import { runProcess } from '../helpers/process.ts';
import { terraformBinary } from '../helpers/terraform.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RELEASE = join(ROOT, 'dist/release');
const work = mkdtempSync(join(tmpdir(), 'warden-release-'));
const app = join(work, 'app');
const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1' };
delete env.WARDEN_ENDPOINT;
delete env.WARDEN_API_KEY;
delete env.WARDEN_ORG;
let server: ChildProcess | undefined;

async function ok(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const result = await runProcess(command, args, { cwd: options.cwd, env: options.env ?? env });
  expect(result.code, `${command} ${args.join(' ')}\n${result.output}`).toBe(0);
  return result;
}

const releaseFile = (name: string) => readFileSync(join(RELEASE, name));

beforeAll(async () => {
  terraformBinary();
  await ok('npm', ['run', 'release'], { cwd: ROOT });
}, 1_200_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe('npm run release', () => {
  it('writes the zips, SHA256SUMS, the manifest, the network mirror and three npm tarballs', () => {
    const files = readdirSync(RELEASE).sort();
    for (const { platform } of TARGETS) {
      expect(files).toContain(zipName(WARDEN_VERSION, platform));
    }
    expect(files).toContain(sumsName(WARDEN_VERSION));
    expect(JSON.parse(releaseFile(`terraform-provider-warden_${WARDEN_VERSION}_manifest.json`).toString())).toEqual({
      version: 1,
      metadata: { protocol_versions: ['6.0'] },
    });
    expect(files.filter((f) => f.endsWith('.tgz')).sort()).toEqual([
      `wardenhq-cdktf-constructs-${WARDEN_VERSION}.tgz`,
      `wardenhq-cli-${WARDEN_VERSION}.tgz`,
      `wardenhq-sdk-${WARDEN_VERSION}.tgz`,
    ]);
    const mirror = join(RELEASE, 'mirror/registry.terraform.io/wardenhq/warden');
    expect(JSON.parse(readFileSync(join(mirror, 'index.json'), 'utf8'))).toEqual({ versions: { [WARDEN_VERSION]: {} } });
    const archives = JSON.parse(readFileSync(join(mirror, `${WARDEN_VERSION}.json`), 'utf8')).archives;
    expect(Object.keys(archives).sort()).toEqual(TARGETS.map((t) => t.platform).sort());
    const linux = archives.linux_amd64;
    expect(readFileSync(resolve(mirror, linux.url)).length).toBeGreaterThan(0);
    expect(linux.hashes).toContain(`zh:${sha256(releaseFile(zipName(WARDEN_VERSION, 'linux_amd64')))}`);
    expect(linux.hashes.some((h: string) => h.startsWith('h1:'))).toBe(true);
  });

  it('lists every zip in SHA256SUMS with its real hash', () => {
    const sums = parseSha256Sums(releaseFile(sumsName(WARDEN_VERSION)).toString());
    for (const { platform } of TARGETS) {
      const name = zipName(WARDEN_VERSION, platform);
      expect(sums.get(name), name).toBe(sha256(releaseFile(name)));
    }
  });

  it("gives each platform one executable of that platform's format and architecture, with no path of this checkout", () => {
    for (const target of TARGETS) {
      const files = unzipFiles(releaseFile(zipName(WARDEN_VERSION, target.platform)));
      const names = Object.keys(files);
      expect(names).toEqual([`terraform-provider-warden_v${WARDEN_VERSION}${target.platform.startsWith('windows') ? '.exe' : ''}`]);
      const path = join(work, 'formats', target.platform, names[0]!);
      mkdirSync(join(work, 'formats', target.platform), { recursive: true });
      writeFileSync(path, files[names[0]!]!);
      expect(binaryFormat(path), target.platform).toEqual({ format: target.format, arch: target.arch });
      const bytes = Buffer.from(files[names[0]!]!);
      expect(bytes.includes(Buffer.from(ROOT)), `${target.platform} executable mentions ${ROOT}`).toBe(false);
    }
  });
});

describe('the released provider, a packaged cdktf app and the packaged CLI', () => {
  const mirror = join(work, 'mirror');
  let cliConfig = '';

  it('unpacks the linux_amd64 zip into a filesystem mirror, verified against SHA256SUMS', () => {
    const platform = hostPlatform();
    const name = zipName(WARDEN_VERSION, platform);
    const zip = releaseFile(name);
    expect(parseSha256Sums(releaseFile(sumsName(WARDEN_VERSION)).toString()).get(name)).toBe(sha256(zip));
    const [file, contents] = Object.entries(unzipFiles(zip))[0]!;
    const dir = join(mirror, 'registry.terraform.io/wardenhq/warden', WARDEN_VERSION, platform);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), contents, { mode: 0o755 });
    cliConfig = writeCliConfig({
      file: join(work, 'terraform.rc'),
      mirror,
      providers: [{ namespace: 'wardenhq', type: 'warden', version: WARDEN_VERSION }],
    }).TF_CLI_CONFIG_FILE;
  });

  it('starts from a directory with no node_modules, with no Node on PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'warden-no-node-'));
    const executable = join(mirror, 'registry.terraform.io/wardenhq/warden', WARDEN_VERSION, hostPlatform(), `terraform-provider-warden_v${WARDEN_VERSION}`);
    const handshake = await new Promise<string>((done, fail) => {
      const child = spawn(executable, [], { cwd: empty, env: { PATH: '/nonexistent', [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' } });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) {
          child.kill();
          done(out.split('\n')[0]!);
        }
      });
      child.on('error', fail);
      child.on('exit', (code) => fail(new Error(`exited ${code} before the handshake: ${out}`)));
    });
    expect(handshake).toMatch(/^1\|6\|unix\|.+\|grpc\|/);
    rmSync(empty, { recursive: true, force: true });
  });

  it('installs the three tarballs with cdktf and constructs from the registry into a plain JavaScript app', async () => {
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packaged-app', private: true, type: 'module' }, null, 2));
    const tarballs = readdirSync(RELEASE)
      .filter((f) => f.endsWith('.tgz'))
      .map((f) => join(RELEASE, f));
    await ok('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, 'cdktf@0.21.0', 'constructs@10.4.2'], { cwd: app });
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/@wardenhq/cdktf-constructs/package.json'), 'utf8'));
    expect(installed.version).toBe(WARDEN_VERSION);
    // One copy of constructs: the peer dependency resolves to the app's own.
    const copies = (await runProcess('npm', ['ls', 'constructs', '--all', '--parseable'], { cwd: app, env })).stdout.trim().split('\n').filter(Boolean);
    expect(copies).toEqual([join(app, 'node_modules/constructs')]);
  }, 900_000);

  it('synthesizes a stack with WardenProvider, a ServiceAccount with a role and addKey, from plain JavaScript', async () => {
    writeFileSync(
      join(app, 'main.js'),
      [
        "import { App, TerraformStack } from 'cdktf';",
        "import { ServiceAccount, WardenProvider } from '@wardenhq/cdktf-constructs';",
        "const app = new App({ outdir: 'cdktf.out' });",
        "const stack = new TerraformStack(app, 'packaged');",
        "new WardenProvider(stack, 'warden', {});",
        "const ci = new ServiceAccount(stack, 'ci', { name: 'packaged-ci', description: 'from the npm packages', roles: ['member'] });",
        "ci.addKey({ label: 'packaged', description: 'made by the release test', ttl: '30d' });",
        'app.synth();',
        '',
      ].join('\n'),
    );
    await ok(process.execPath, ['main.js'], { cwd: app });
    const synthesized = JSON.parse(readFileSync(join(app, 'cdktf.out/stacks/packaged/cdk.tf.json'), 'utf8'));
    expect(synthesized.terraform.required_providers.warden).toEqual({ source: 'wardenhq/warden', version: WARDEN_VERSION });
    expect(Object.keys(synthesized.resource.warden_api_key)).toHaveLength(1);
  });

  it('applies it with the real terraform against a server started from the installed CLI; the second plan is empty', async () => {
    const warden = join(app, 'node_modules/.bin/warden');
    const data = join(work, 'data');
    await ok(warden, ['init', '--org', 'acme', '--data-dir', data, '--key-file', join(work, 'admin.key')], { cwd: work });
    const apiKey = readFileSync(join(work, 'admin.key'), 'utf8').trim();
    server = spawn(warden, ['server', '--port', '0', '--data-dir', data], { cwd: work, env });
    const endpoint = await new Promise<string>((done, fail) => {
      let out = '';
      server!.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) {
          done(match[1]!);
        }
      });
      server!.on('exit', (code) => fail(new Error(`warden server exited ${code}: ${out}`)));
    });
    Object.assign(env, { WARDEN_ENDPOINT: endpoint, WARDEN_API_KEY: apiKey, WARDEN_ORG: 'acme' });

    const stackDir = join(app, 'cdktf.out/stacks/packaged');
    const tfEnv = { ...env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1' };
    const terraform = terraformBinary();
    await ok(terraform, ['init', '-input=false'], { cwd: stackDir, env: tfEnv });
    const apply = await ok(terraform, ['apply', '-auto-approve', '-input=false'], { cwd: stackDir, env: tfEnv });
    expect(apply.stdout).toMatch(/Apply complete! Resources: 3 added/);
    const plan = await runProcess(terraform, ['plan', '-detailed-exitcode', '-input=false'], { cwd: stackDir, env: tfEnv });
    expect(plan.code, plan.output).toBe(0);
  }, 300_000);

  it('is seen by the packaged SDK and the packaged CLI', async () => {
    writeFileSync(
      join(app, 'list.js'),
      [
        "import { createWardenClient } from '@wardenhq/sdk';",
        'const warden = createWardenClient({ endpoint: process.env.WARDEN_ENDPOINT, apiKey: process.env.WARDEN_API_KEY });',
        'const names = [];',
        'for await (const account of warden.serviceAccounts.iterate()) names.push(account.name);',
        'console.log(JSON.stringify(names));',
        '',
      ].join('\n'),
    );
    const sdk = await ok(process.execPath, ['list.js'], { cwd: app });
    expect(JSON.parse(sdk.stdout)).toContain('packaged-ci');
    const cli = await ok(join(app, 'node_modules/.bin/warden'), ['service-accounts', 'list', '--json'], { cwd: app });
    const accounts = JSON.parse(cli.stdout) as { name: string }[];
    expect(accounts.map((a) => a.name)).toContain('packaged-ci');
    const keys = await ok(join(app, 'node_modules/.bin/warden'), ['keys', 'list', '--service-account', 'packaged-ci', '--json'], { cwd: app });
    expect(JSON.parse(keys.stdout).map((k: { label: string }) => k.label)).toEqual(['packaged']);
  });

  it('serves the web console from the installed CLI, with its script under the same CSP', async () => {
    const endpoint = env.WARDEN_ENDPOINT!;
    const page = await fetch(`${endpoint}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script, html).toMatch(/^\/console\//);
    const asset = await fetch(`${endpoint}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });
});
