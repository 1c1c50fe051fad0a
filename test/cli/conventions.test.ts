// CLI conventions end to end with the built executable against a real server: profiles
// from a 0600 config file and the flag > environment > profile precedence (the key never
// printed), confirmation of destructive verbs (refused without --yes off a terminal,
// asked on a pseudo-terminal), unknown commands with --help, and completion scripts.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.ts';
import { buildProgram } from '../../cli/program.ts';
import { createWardenClient } from '../../sdk/index.ts';
import type { ProcessResult } from '../helpers/process.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const BIN = resolve('cli/bin/warden.js');
const dir = mkdtempSync(join(tmpdir(), 'warden-conventions-'));
const configFile = join(dir, 'config', 'warden', 'config.yaml');
let server: TestServer;

// No credentials from the outside world: only what each test gives.
const cleanEnv: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };
for (const name of ['WARDEN_ENDPOINT', 'WARDEN_API_KEY', 'WARDEN_ORG', 'WARDEN_PROFILE', 'WARDEN_CONFIG_FILE']) delete cleanEnv[name];

// Asynchronous on purpose: the server lives in this process and must keep answering.
function spawnWith(command: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<ProcessResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(command, args, { cwd: dir, env });
    const result: ProcessResult = { code: -1, stdout: '', stderr: '', output: '' };
    child.stdout.on('data', (chunk) => ((result.stdout += chunk), (result.output += chunk)));
    child.stderr.on('data', (chunk) => ((result.stderr += chunk), (result.output += chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolveResult({ ...result, code: code ?? -1 }));
    child.stdin.end(stdin ?? '');
  });
}

function warden(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<ProcessResult> {
  return spawnWith(process.execPath, [BIN, ...args], { ...cleanEnv, ...options.env }, options.stdin);
}

beforeAll(async () => {
  await buildCli();
  server = await startTestServer({ org: 'acme' });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('warden auth and profiles', () => {
  it('login --api-key-stdin validates the key, then saves it in a 0600 file; the key is never printed', async () => {
    const bad = await warden(['auth', 'login', '--endpoint', server.url, '--api-key-stdin'], { stdin: 'wdn_notavalidkey\n' });
    expect(bad.code).toBe(3);
    expect(() => statSync(configFile)).toThrow();

    const login = await warden(['auth', 'login', '--endpoint', server.url, '--api-key-stdin'], { stdin: server.adminToken + '\n' });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+ as service_account bootstrap-admin in organization acme \(key wdn_\w{8}…\)/);
    expect(login.stderr).toContain(`Profile "default" saved in ${configFile} (mode 0600)`);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(configFile, 'utf8'))).toEqual({
      current_profile: 'default',
      profiles: { default: { endpoint: server.url, organization: 'acme', api_key: server.adminToken } },
    });

    const whoami = await warden(['whoami']);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toMatch(/bootstrap-admin .* in shared organization acme/);

    const status = await warden(['auth', 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/logged in as service_account bootstrap-admin in organization acme/);
    expect(status.stdout).toContain(server.adminToken.slice(0, 12) + '…');
    for (const output of [login, whoami, status]) {
      expect(output.output).not.toContain(server.adminToken);
      expect(output.output).not.toContain(server.adminToken.slice(12));
    }
    const json = JSON.parse((await warden(['auth', 'status', '--json'])).stdout);
    expect(json).toMatchObject({ logged_in: true, profile: 'default', config_file: configFile, stored: { key_prefix: server.adminToken.slice(0, 12) + '…' } });
    expect(JSON.stringify(json)).not.toContain(server.adminToken);
  });

  it('precedence: --api-key beats WARDEN_API_KEY beats the profile; --profile picks another profile', async () => {
    const sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken });
    const reader = await sdk.serviceAccounts.create({ name: 'reader-bot' });
    await sdk.roleSets.set(reader.data.id, ['reader']);
    const readerKey = (await sdk.keys.create(reader.data.id, { label: 'cli' })).secret!;

    const principal = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const result = await warden(['whoami', '--json', ...args], { env });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout).principal.name as string;
    };
    expect(await principal([])).toBe('bootstrap-admin');
    expect(await principal([], { WARDEN_API_KEY: readerKey })).toBe('reader-bot');
    expect(await principal(['--api-key', server.adminToken], { WARDEN_API_KEY: readerKey })).toBe('bootstrap-admin');
    // A flag endpoint that does not answer beats the profile's working one.
    expect((await warden(['whoami', '--endpoint', 'http://127.0.0.1:9'])).code).toBe(1);

    const second = await warden(['auth', 'login', '--profile', 'ro', '--endpoint', server.url, '--api-key-stdin'], { stdin: readerKey });
    expect(second.code, second.stderr).toBe(0);
    expect(await principal(['--profile', 'ro'])).toBe('reader-bot');
    expect(await principal([], { WARDEN_PROFILE: 'ro' })).toBe('reader-bot');
    // The environment's key wins over the named profile's.
    expect(await principal(['--profile', 'ro'], { WARDEN_API_KEY: server.adminToken })).toBe('bootstrap-admin');
    // The default profile is still the first one.
    expect(await principal([])).toBe('bootstrap-admin');

    const missing = await warden(['whoami', '--profile', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no profile "nope" in .*config\.yaml; create it with `warden auth login --profile nope`/);
  });

  it('--config-file and WARDEN_CONFIG_FILE name another file', async () => {
    const other = join(dir, 'other.yaml');
    const login = await warden(['auth', 'login', '--config-file', other, '--endpoint', server.url, '--org', 'acme', '--api-key-stdin'], {
      stdin: server.adminToken,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(statSync(other).mode & 0o777).toBe(0o600);
    const env = { XDG_CONFIG_HOME: join(dir, 'empty') };
    expect((await warden(['whoami'], { env })).code).toBe(2);
    expect((await warden(['whoami', '--config-file', other], { env })).code).toBe(0);
    expect((await warden(['whoami'], { env: { ...env, WARDEN_CONFIG_FILE: other } })).code).toBe(0);
  });

  it('refuses a config file others can read, naming the fix and quoting nothing from it', async () => {
    const loose = join(dir, 'loose.yaml');
    writeFileSync(loose, `profiles:\n  default:\n    endpoint: ${server.url}\n    api_key: ${server.adminToken}\n`);
    chmodSync(loose, 0o644);
    const result = await warden(['whoami', '--config-file', loose]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${loose} is readable by others (mode 0644) and holds API keys; warden refuses to use it until you run: chmod 600 ${loose}`,
    );
    expect(result.output).not.toContain(server.adminToken);

    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, `profiles: [\n  api_key: ${server.adminToken}\n`, { mode: 0o600 });
    const unreadable = await warden(['whoami', '--config-file', broken]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/is not valid YAML/);
    expect(unreadable.output).not.toContain(server.adminToken);
  });

  it('login on a terminal asks for endpoint, organization and key, and does not echo the key', async () => {
    const file = join(dir, 'tty.yaml');
    // `script` gives the command a pseudo-terminal; each answer is typed once its question shows
    // (readline draws prompts with cursor escapes, hence no end anchor).
    const child = spawn('script', ['-qec', `node ${BIN} auth login --config-file ${file}`, '/dev/null'], { cwd: dir, env: cleanEnv });
    const answers: [RegExp, string][] = [
      [/Server endpoint: /, `${server.url}\r`],
      [/Organization \(empty: the key's own\): /, '\r'],
      [/API key \(not shown\): /, `${server.adminToken}\r`],
    ];
    let screen = '';
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (chunk) => {
        screen += chunk;
        if (answers.length > 0 && answers[0]![0].test(screen)) child.stdin.write(answers.shift()![1]);
      });
      child.on('close', done);
    });
    expect(code, screen).toBe(0);
    expect(answers).toEqual([]);
    expect(screen).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+ as service_account bootstrap-admin in organization acme/);
    expect(screen).not.toContain(server.adminToken.slice(12));
    expect(parse(readFileSync(file, 'utf8')).profiles.default).toEqual({ endpoint: server.url, organization: 'acme', api_key: server.adminToken });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('login without a terminal and without --api-key-stdin says how; logout removes the profile', async () => {
    const noTty = await warden(['auth', 'login', '--endpoint', server.url], { stdin: '' });
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/stdin is not a terminal: pass --endpoint URL and --api-key-stdin/);

    const logout = await warden(['auth', 'logout', '--profile', 'ro']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(parse(readFileSync(configFile, 'utf8')).profiles).not.toHaveProperty('ro');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect((await warden(['auth', 'logout', '--profile', 'ro'])).code).toBe(4);
  });
});

describe('destructive verbs', () => {
  const env = () => ({ WARDEN_ENDPOINT: server.url, WARDEN_API_KEY: server.adminToken });

  it('refuse without --yes when stdin is not a terminal, before sending anything, and work with --yes', async () => {
    const sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken });
    const victim = (await sdk.serviceAccounts.create({ name: 'victim' })).data;
    const key = await sdk.keys.create(victim.id, { label: 'k' });
    await sdk.roles.create({ name: 'doomed', permissions: ['keys:read'] });
    const assignment = await sdk.assignments.grant(victim.id, 'reader');

    const refusals: [string[], RegExp][] = [
      [
        ['service-accounts', 'delete', 'victim'],
        /refusing to delete service account victim with all its keys and role assignments without --yes: stdin is not a terminal/,
      ],
      [['keys', 'revoke', key.id], /refusing to revoke key key_\w+ now without --yes: stdin is not a terminal/],
      [['roles', 'delete', 'doomed'], /refusing to delete role doomed without --yes/],
      [['assignments', 'remove', assignment.id], /refusing to remove role assignment ra_\w+ without --yes/],
      [['assignments', 'revoke', assignment.id], /pass --yes to confirm in scripts/],
    ];
    for (const [args, message] of refusals) {
      const refused = await warden(args, { env: env(), stdin: 'y\n' });
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
    // Nothing changed.
    expect((await sdk.serviceAccounts.get(victim.id)).data.name).toBe('victim');
    expect((await sdk.keys.get(key.id)).data.status).toBe('active');
    expect((await sdk.roles.get('doomed')).data.name).toBe('doomed');

    expect((await warden(['assignments', 'remove', assignment.id, '--yes'], { env: env() })).code).toBe(0);
    expect((await warden(['keys', 'revoke', key.id, '-y'], { env: env() })).code).toBe(0);
    expect((await warden(['roles', 'delete', 'doomed', '--yes'], { env: env() })).code).toBe(0);
    expect((await warden(['sa', 'delete', 'victim', '--yes', '--json'], { env: env() })).code).toBe(0);
    expect((await sdk.keys.get(key.id)).data.status).toBe('revoked');
    await expect(sdk.roles.get('doomed')).rejects.toMatchObject({ status: 404 });
  });

  it('ask on a terminal: anything but y changes nothing, y goes ahead', async () => {
    const sdk = createWardenClient({ endpoint: server.url, apiKey: server.adminToken });
    await sdk.roles.create({ name: 'asked', permissions: ['keys:read'] });
    // `script` gives the command a pseudo-terminal; the answer is typed into it.
    const onTerminal = (answer: string) => spawnWith('script', ['-qec', `node ${BIN} roles delete asked`, '/dev/null'], { ...cleanEnv, ...env() }, answer);
    const declined = await onTerminal('n\n');
    expect(declined.stdout).toMatch(/Delete role asked\? \[y\/N\]/);
    expect(declined.stdout).toMatch(/not confirmed; nothing was changed/);
    expect(declined.code).toBe(1);
    expect((await sdk.roles.get('asked')).data.name).toBe('asked');
    const accepted = await onTerminal('y\n');
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(accepted.stdout).toMatch(/deleted role asked/);
    await expect(sdk.roles.get('asked')).rejects.toMatchObject({ status: 404 });
  });
});

describe('unknown commands', () => {
  it.each([['nope'], ['nope', '--help'], ['keys', 'nope', '--help'], ['-h', 'nope']])('warden %s … exits 2 saying "unknown command"', async (...args) => {
    const result = await warden(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'nope'/);
    expect(result.stdout).not.toMatch(/^Usage:/m);
  });

  it('known commands with --help still print help and exit 0', async () => {
    const result = await warden(['keys', 'list', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: warden keys list/);
  });
});

describe('warden completion', () => {
  const topLevel = buildProgram()
    .commands.filter((c) => c.name() !== 'help')
    .map((c) => c.name());

  it('bash: valid syntax (bash -n), every command, and completes a command path', async () => {
    const script = (await warden(['completion', 'bash'])).stdout;
    const file = join(dir, 'warden.bash');
    writeFileSync(file, script);
    const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect(syntax.status, syntax.stderr).toBe(0);
    for (const name of topLevel) expect(script).toContain(name);
    // Drive the completion function as bash would.
    const complete = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _warden_completion; echo "\${COMPREPLY[*]}"`,
        ],
        {
          encoding: 'utf8',
        },
      ).stdout.trim();
    expect(complete(['warden', 'ke'])).toBe('keys');
    expect(complete(['warden', 'keys', '']).split(' ')).toEqual(expect.arrayContaining(['list', 'create', 'revoke']));
    expect(complete(['warden', 'keys', 'revoke', 'key_x', '--y'])).toBe('--yes');
    expect(complete(['warden', 'auth', 'login', '--api'])).toBe('--api-key-stdin');
  });

  it.each(['zsh', 'fish'])('%s: names every top-level command and subcommand', async (shell) => {
    const result = await warden(['completion', shell]);
    expect(result.code).toBe(0);
    for (const name of topLevel) expect(result.stdout).toContain(`'${name}`);
    expect(result.stdout).toContain(shell === 'zsh' ? '#compdef warden' : 'complete -c warden');
    expect(result.stdout).toMatch(/keys:revoke/);
  });

  it('refuses another shell as a usage error', async () => {
    const result = await warden(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});
