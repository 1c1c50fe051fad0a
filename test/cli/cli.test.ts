// The built `warden` executable end to end: init (once only, key file 0600), server on
// port 0, client verbs with tables and --json, and exit codes CI can rely on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/warden.js');
const dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
let serverProcess: ChildProcess;
let env: NodeJS.ProcessEnv;

function warden(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', cwd: dir });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  env = { ...process.env, WARDEN_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.WARDEN_ENDPOINT;
  delete env.WARDEN_API_KEY;
  const first = warden(['init', '--org', 'acme', '--key-file', 'admin.key']);
  expect(first.code, first.stderr).toBe(0);
  serverProcess = spawn(process.execPath, [BIN, 'server', '--port', '0'], { env, cwd: dir });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    serverProcess.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) {
        resolveUrl(match[1]!);
      }
    });
    serverProcess.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  env.WARDEN_ENDPOINT = url;
  env.WARDEN_API_KEY = readFileSync(join(dir, 'admin.key'), 'utf8').trim();
});
afterAll(() => {
  serverProcess?.kill('SIGTERM');
});

describe('warden CLI', () => {
  it('init writes the key with mode 0600 and refuses a second run without changing anything', () => {
    expect(statSync(join(dir, 'admin.key')).mode & 0o777).toBe(0o600);
    const again = warden(['init', '--org', 'acme']);
    expect(again.code).toBe(5);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already exists; nothing was changed/);
  });

  it('runs the everyday verbs with tables and --json', () => {
    expect(warden(['whoami']).stdout).toMatch(/service_account bootstrap-admin .* in shared organization acme/);
    expect(warden(['service-accounts', 'create', 'ci-bot', '--description', 'CI']).code).toBe(0);
    const listed = JSON.parse(warden(['sa', 'list', '--json']).stdout) as { id: string; name: string }[];
    const bot = listed.find((s) => s.name === 'ci-bot')!;
    expect(bot.id).toMatch(/^sa_/);
    expect(warden(['sa', 'list']).stdout).toMatch(/^ID\s+NAME\s+DISABLED/m);
    expect(warden(['assignments', 'set', bot.id, 'member', 'reader']).stdout).toContain('roles: member, reader');
    const created = warden(['keys', 'create', bot.id, '--label', 'gha', '--ttl', '90d', '--secret-file', 'gha.key']);
    expect(created.code, created.stderr).toBe(0);
    expect(statSync(join(dir, 'gha.key')).mode & 0o777).toBe(0o600);
    const secret = readFileSync(join(dir, 'gha.key'), 'utf8').trim();
    expect(created.stdout).not.toContain(secret);
    expect(warden(['whoami', '--json'], { WARDEN_API_KEY: secret }).stdout).toContain('"name": "ci-bot"');
    expect(warden(['keys', 'list', '--service-account', bot.id]).stdout).not.toContain(secret);
    expect(warden(['audit', 'list', '--limit', '3']).stdout).toMatch(/api_key\.create/);
  });

  it('exits with codes CI can use and names the bad field', () => {
    expect(warden(['sa', 'get', 'sa_00000000000000000000']).code).toBe(4);
    const badTtl = warden(['keys', 'create', 'sa_00000000000000000000', '--label', 'x', '--ttl', '90x']);
    expect(badTtl.code).toBe(1);
    expect(badTtl.stderr).toContain('body.ttl');
    expect(warden(['sa', 'create', 'ci-bot']).code).toBe(5);
    expect(warden(['whoami'], { WARDEN_API_KEY: 'wdn_mistyped' }).code).toBe(3);
    expect(warden(['whoami'], { WARDEN_ENDPOINT: '' }).code).toBe(2);
    expect(warden(['no-such-verb']).code).toBe(2);
  });
});
