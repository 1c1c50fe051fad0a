// `warden users` and `warden me keys` through the built executable against a real server:
// invite prints the invitation URL (and `{"invitation_url": …}` with --json), list shows
// the members in a table, set-role and remove by email, and a personal key made by the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.ts';
import { signInWith, tokenOf } from '../helpers/people.ts';
import { runProcess } from '../helpers/process.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const BIN = resolve('cli/bin/warden.js');
const dir = mkdtempSync(join(tmpdir(), 'warden-cli-users-'));
let server: TestServer;
let env: NodeJS.ProcessEnv;

const warden = (args: string[], extra: NodeJS.ProcessEnv = {}) => runProcess(process.execPath, [BIN, ...args], { cwd: dir, env: { ...env, ...extra } });

beforeAll(async () => {
  await buildCli();
  server = await startTestServer();
  env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dir, 'config'),
    NO_COLOR: '1',
    WARDEN_ENDPOINT: server.url,
    WARDEN_API_KEY: server.adminToken,
    WARDEN_ORG: 'acme',
  };
  delete env.WARDEN_PROFILE;
  delete env.WARDEN_CONFIG_FILE;
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('warden users', () => {
  it('invite --json prints the invitation URL, which signs the person in', async () => {
    const invited = await warden(['users', 'invite', 'ada@example.com', '--role', 'member', '--json']);
    expect(invited.code, invited.stderr).toBe(0);
    const url = JSON.parse(invited.stdout).invitation_url as string;
    expect(url).toMatch(new RegExp(`^${server.url}/console/#/accept\\?token=[A-Za-z0-9_-]{43}$`));
    const ada = await signInWith(server.url, '/v1/invitations/accept', { token: tokenOf(url), display_name: 'Ada', password: 'a long enough password' });
    expect(ada.body.user.email).toBe('ada@example.com');
  });

  it('invite without --json prints the URL on its own line', async () => {
    const invited = await warden(['users', 'invite', 'bob@example.com', '--role', 'reader']);
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.stdout.split('\n')[0]).toMatch(/\/console\/#\/accept\?token=/);
  });

  it('refuses an unknown role with the problem code and a non-zero exit', async () => {
    const refused = await warden(['users', 'invite', 'eve@example.com', '--role', 'no-such-role']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/unknown_role/);
  });

  it('list shows the members as a table; set-role and remove work by email', async () => {
    const listed = await warden(['users', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+EMAIL\s+DISPLAY_NAME\s+ROLES/);
    expect(listed.stdout).toMatch(/ada@example\.com\s+Ada\s+member/);
    const changed = await warden(['users', 'set-role', 'ada@example.com', 'reader', '--json']);
    expect(changed.code, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout).roles).toEqual(['reader']);
    expect((await warden(['users', 'remove', 'ada@example.com', '--yes'])).code).toBe(0);
    expect(JSON.parse((await warden(['users', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('me keys create prints a personal key once; me show lists the memberships', async () => {
    const url = JSON.parse((await warden(['users', 'invite', 'kim@example.com', '--role', 'admin', '--json'])).stdout).invitation_url;
    const kim = await signInWith(server.url, '/v1/invitations/accept', { token: tokenOf(url), display_name: 'Kim', password: 'a long enough password' });
    const first = (await kim.call('POST', '/v1/me/keys', { label: 'bootstrap' })).body.secret as string;
    const created = await warden(['me', 'keys', 'create', 'laptop', '--ttl', '7d', '--json'], { WARDEN_API_KEY: first });
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).secret).toMatch(/^wdn_/);
    const shown = await warden(['me', 'show'], { WARDEN_API_KEY: first });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/acme\s+shared\s+admin/);
  });

  it('init --admin-email prints a one-time invitation URL for the first human admin', async () => {
    const init = await warden([
      'init',
      '--org',
      'boot',
      '--data-dir',
      server.dataDir,
      '--key-file',
      join(dir, 'boot.key'),
      '--admin-email',
      'root@example.com',
      '--public-url',
      server.url,
    ]);
    expect(init.code, init.stderr).toBe(0);
    const url = init.stdout.trim();
    expect(url).toMatch(new RegExp(`^${server.url}/console/#/accept\\?token=`));
    const root = await signInWith(server.url, '/v1/invitations/accept', { token: tokenOf(url), display_name: 'Root', password: 'a long enough password' });
    expect(root.body.organization.name).toBe('boot');
    const me = await root.call('GET', '/v1/me');
    expect(me.body.memberships.find((m: any) => m.organization.name === 'boot').roles).toEqual(['admin']);
  });
});
