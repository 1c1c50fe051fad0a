// The built `warden` executable end to end (node cli/bin/warden.js → cli/dist/main.js): init
// (once only, key file 0600), server on port 0, client verbs with tables and --json,
// secrets shown once, and the exit codes CI relies on.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.ts';
import { generateToken, isWellFormedToken } from '../../sdk/token.ts';
import { runProcess } from '../helpers/process.ts';
import { mistyped } from '../helpers/tokens.ts';

const BIN = resolve('cli/bin/warden.js');
const dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
// XDG_CONFIG_HOME: no profile of the machine's user may leak in (see conventions.test.ts).
const baseEnv: NodeJS.ProcessEnv = { ...process.env, WARDEN_DATA_DIR: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };
delete baseEnv.WARDEN_ENDPOINT;
delete baseEnv.WARDEN_API_KEY;
delete baseEnv.WARDEN_ORG;
delete baseEnv.WARDEN_PROFILE;
delete baseEnv.WARDEN_CONFIG_FILE;
let env: NodeJS.ProcessEnv = baseEnv;
let server: ChildProcess;
let serverStdout = '';
let serverStderr = '';
let adminKey = '';

const warden = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runProcess(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...extraEnv } });

async function ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const result = await warden(args, extraEnv);
  expect(result.code, `warden ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

async function json<T = any>(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<T> {
  return JSON.parse((await ok([...args, '--json'], extraEnv)).stdout) as T;
}

beforeAll(async () => {
  // The built bundle is what users run; build it from the current sources.
  await buildCli();
  const init = await warden(['init', '--org', 'acme', '--key-file', 'admin.key']);
  expect(init.code, init.stderr).toBe(0);
  adminKey = readFileSync(join(dir, 'admin.key'), 'utf8').trim();

  server = spawn(process.execPath, [BIN, 'server', '--port', '0'], { cwd: dir, env: baseEnv });
  server.stderr!.on('data', (chunk) => (serverStderr += chunk));
  const url = await new Promise<string>((resolveUrl, reject) => {
    server.stdout!.on('data', (chunk) => {
      serverStdout += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n/m.exec(serverStdout);
      if (match && match[2] !== '0') {
        resolveUrl(match[1]!);
      }
    });
    server.on('exit', (code) => reject(new Error(`warden server exited with ${code}: ${serverStderr}`)));
  });
  env = { ...baseEnv, WARDEN_ENDPOINT: url, WARDEN_API_KEY: adminKey };
});

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('warden init', () => {
  it('wrote the key once, to a 0600 file, and printed nothing secret', () => {
    expect(isWellFormedToken(adminKey)).toBe(true);
    expect(statSync(join(dir, 'admin.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a second run without changing anything', async () => {
    const again = await warden(['init', '--org', 'acme']);
    expect(again.code).toBe(5);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already exists; nothing was changed/);
    // The first key still works: nothing was rotated.
    expect((await ok(['whoami'])).stdout).toContain('bootstrap-admin');
  });

  it('prints the key alone on stdout without --key-file, messages on stderr', async () => {
    const result = await ok(['init', '--org', 'solo', '--personal', '--data-dir', join(dir, 'personal')]);
    expect(isWellFormedToken(result.stdout.trim())).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Created personal organization "solo"/);
    expect(result.stderr).not.toContain(result.stdout.trim());
  });

  it('refuses an existing --key-file before creating anything', async () => {
    writeFileSync(join(dir, 'taken.key'), 'precious\n');
    const dataDir = join(dir, 'fresh');
    const refused = await warden(['init', '--org', 'globex', '--data-dir', dataDir, '--key-file', 'taken.key']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--key-file taken.key already exists/);
    expect(readFileSync(join(dir, 'taken.key'), 'utf8')).toBe('precious\n');
    // Nothing was created: init now succeeds for the same organization.
    expect((await warden(['init', '--org', 'globex', '--data-dir', dataDir])).code).toBe(0);
  });

  it('names the bad organization name, and refuses --data-dir with --database', async () => {
    const bad = await warden(['init', '--org', 'Acme Corp', '--data-dir', join(dir, 'bad')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--org "Acme Corp" is not a valid name/);
    const both = await warden(['init', '--org', 'x-y-z', '--data-dir', 'a', '--database', 'sqlite:/tmp/x.db']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--data-dir.*cannot be used with.*--database/);
  });
});

describe('warden server', () => {
  it('printed exactly one line on stdout once it accepted requests', () => {
    expect(serverStdout).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  });

  it('stops gracefully on SIGTERM with exit code 0', async () => {
    const dataDir = join(dir, 'graceful');
    await ok(['init', '--org', 'acme', '--data-dir', dataDir]);
    const child = spawn(process.execPath, [BIN, 'server', '--port', '0', '--data-dir', dataDir], { cwd: dir, env: baseEnv });
    await new Promise<void>((ready) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && ready()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad --port as a usage error', async () => {
    const result = await warden(['server', '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port must be a whole number from 0 to 65535/);
  });
});

describe('client commands', () => {
  let botId = '';

  it('whoami: a sentence for people, the whole document with --json', async () => {
    expect((await ok(['whoami'])).stdout).toMatch(/^service_account bootstrap-admin \(sa_[0-9a-z]{20}\) in shared organization acme$/m);
    const me = await json(['whoami']);
    expect(me.organization.name).toBe('acme');
    expect(me.roles).toEqual(['admin']);
  });

  it('service-accounts create, list (table and --json), get by name, update, disable, enable', async () => {
    const created = await json(['service-accounts', 'create', 'ci-bot', '--description', 'CI']);
    botId = created.id;
    expect(botId).toMatch(/^sa_/);
    expect((await ok(['sa', 'list'])).stdout).toMatch(
      /^ID\s+NAME\s+DISABLED\s+ACTIVE_KEY_COUNT\s+DESCRIPTION\n.*bootstrap-admin.*\n.*ci-bot\s+false\s+0\s+CI\n$/,
    );
    const listed = await json<{ id: string; name: string }[]>(['sa', 'list']);
    expect(listed.map((s) => s.name)).toEqual(['bootstrap-admin', 'ci-bot']);
    expect((await ok(['sa', 'get', 'ci-bot'])).stdout).toMatch(new RegExp(`^id:\\s+${botId}$`, 'm'));
    expect((await json(['sa', 'update', 'ci-bot', '--description', 'CI deploys'])).description).toBe('CI deploys');
    expect((await json(['sa', 'disable', botId])).disabled).toBe(true);
    expect((await json(['sa', 'enable', 'ci-bot'])).disabled).toBe(false);
  });

  it('assignments grant, list, set — and set refuses an empty set without --none', async () => {
    const grant = await json(['assignments', 'grant', 'ci-bot', 'reader']);
    expect(grant.role).toBe('reader');
    expect((await ok(['assignments', 'list', '--service-account', 'ci-bot'])).stdout).toMatch(/ra_[0-9a-z]{20}\s+sa_[0-9a-z]{20}\s+reader/);
    expect((await ok(['assignments', 'set', 'ci-bot', 'member', 'reader'])).stdout).toBe('roles: member, reader\n');
    const empty = await warden(['assignments', 'set', 'ci-bot']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--none/);
    expect((await json(['assignments', 'list', '--role', 'member'])).map((a: { service_account_id: string }) => a.service_account_id)).toEqual([botId]);
  });

  it('keys create: the secret once, or only in a 0600 --secret-file', async () => {
    const toFile = await ok(['keys', 'create', 'ci-bot', '--label', 'gha', '--ttl', '90d', '--secret-file', 'gha.key']);
    expect(statSync(join(dir, 'gha.key')).mode & 0o777).toBe(0o600);
    const secret = readFileSync(join(dir, 'gha.key'), 'utf8').trim();
    expect(isWellFormedToken(secret)).toBe(true);
    expect(toFile.stdout + toFile.stderr).not.toContain(secret);
    expect(toFile.stdout).toContain('secret written to gha.key (mode 0600)');

    const printed = await ok(['keys', 'create', botId, '--label', 'laptop', '--ttl', '12h']);
    const shown = /secret \(shown once, store it now\):\n(wdn_\S+)\n$/.exec(printed.stdout)?.[1];
    expect(shown && isWellFormedToken(shown)).toBe(true);

    const asBot = await json(['whoami'], { WARDEN_API_KEY: secret });
    expect([asBot.principal.name, asBot.key.label]).toEqual(['ci-bot', 'gha']);
    const list = await ok(['keys', 'list', '--service-account', 'ci-bot']);
    expect(list.stdout).toMatch(/^ID\s+ACCOUNT\s+LABEL\s+PREFIX\s+STATUS\s+EXPIRES_AT\s+LAST_USED_AT$/m);
    expect(list.stdout).toMatch(/^key_[0-9a-z]{20}\s+ci-bot\s+gha\s+wdn_/m);
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toContain(shown);
    const keys = await json<{ id: string; label: string; secret?: string }[]>(['keys', 'list', '--status', 'active', '--service-account', botId]);
    expect(keys.map((k) => k.label).sort()).toEqual(['gha', 'laptop']);
    expect(keys.every((k) => k.secret === undefined)).toBe(true);

    const laptop = keys.find((k) => k.label === 'laptop')!;
    expect((await json(['keys', 'revoke', laptop.id, '--yes'])).status).toBe('revoked');
    expect((await warden(['whoami'], { WARDEN_API_KEY: shown })).code).toBe(3);
    expect((await ok(['audit', 'list', '--limit', '3'])).stdout).toMatch(/api_key\.revoke/);
  });

  it('roles and permissions', async () => {
    expect((await ok(['permissions', 'list'])).stdout).toMatch(/^keys:read\s+false/m);
    await ok(['roles', 'create', 'deployer', '--permissions', 'keys:read, keys:write', '--description', 'issues keys']);
    expect((await json(['roles', 'get', 'deployer'])).permissions).toEqual(['keys:read', 'keys:write']);
    expect((await json(['roles', 'update', 'deployer', '--permissions', 'keys:read'])).permissions).toEqual(['keys:read']);
    expect((await ok(['roles', 'list'])).stdout).toMatch(/^deployer\s+false\s+keys:read\s+issues keys$/m);
    await ok(['roles', 'delete', 'deployer', '--yes']);
  });

  it('errors: exit codes CI can use, messages that name the field and the fix', async () => {
    const missing = await warden(['sa', 'get', 'sa_00000000000000000000']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/not_found/);
    expect((await warden(['sa', 'get', 'no-such-account'])).stderr).toMatch(/no service account named "no-such-account" in organization acme/);

    const taken = await warden(['sa', 'create', 'ci-bot']);
    expect(taken.code).toBe(5);
    expect(taken.stderr).toMatch(/name_taken/);
    expect((await warden(['roles', 'update', 'member', '--description', 'x'])).code).toBe(5);

    const badName = await warden(['sa', 'create', 'Bad_Name']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/body\.name/);

    const badTtl = await warden(['keys', 'create', 'ci-bot', '--label', 'x', '--ttl', '90x']);
    expect(badTtl.code).toBe(2);
    expect(badTtl.stderr).toMatch(/--ttl: "90x" is not a duration; use a whole number and a unit s, m, h or d/);

    const readerKey = (await json(['keys', 'create', 'ci-bot', '--label', 'ro'])).secret as string;
    await ok(['assignments', 'set', 'ci-bot', 'reader']);
    const forbidden = await warden(['sa', 'create', 'sneaky'], { WARDEN_API_KEY: readerKey });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/forbidden/);

    const typoed = await warden(['whoami'], { WARDEN_API_KEY: mistyped(adminKey) });
    expect(typoed.code).toBe(3);
    expect(typoed.stderr).toMatch(/checksum does not match/);
    expect(typoed.stderr).not.toContain(adminKey.slice(4, 20));

    // Redaction cuts credentials only: the server's sentence reaches the user word for word.
    const unknownKey = generateToken();
    const unknown = await warden(['whoami'], { WARDEN_API_KEY: unknownKey });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('"Authorization: Key wdn_…" or HTTP Basic username. (HTTP 401 unauthenticated)');
    expect(unknown.stderr).not.toContain('[redacted]');
    expect(unknown.stderr).not.toContain(unknownKey.slice(4));

    expect((await warden(['whoami'], { WARDEN_ENDPOINT: '' })).code).toBe(2);
    expect((await warden(['whoami'], { WARDEN_API_KEY: '' })).stderr).toMatch(/WARDEN_API_KEY/);
    expect((await warden(['no-such-verb'])).code).toBe(2);
    expect((await warden(['keys', 'create', 'ci-bot'])).code).toBe(2);

    const unreachable = await warden(['whoami'], { WARDEN_ENDPOINT: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Cannot reach the Warden server at http:\/\/127\.0\.0\.1:9/);
  }, 180_000);

  it('--json errors go to stderr as one JSON document', async () => {
    const result = await warden(['sa', 'get', 'sa_00000000000000000000', '--json']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr).error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('never wrote the admin key into the server log', () => {
    expect(serverStderr).not.toContain(adminKey);
  });
});

describe('cli/bin/warden.js', () => {
  it('says to build when dist/main.js is missing', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'warden-bin-'));
    mkdirSync(join(elsewhere, 'bin'));
    copyFileSync(BIN, join(elsewhere, 'bin', 'warden.js'));
    expect(existsSync(join(elsewhere, 'dist'))).toBe(false);
    const result = await runProcess(process.execPath, [join(elsewhere, 'bin', 'warden.js'), '--help']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run npm run build/);
    rmSync(elsewhere, { recursive: true, force: true });
  });
});
