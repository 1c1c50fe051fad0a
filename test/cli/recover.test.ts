// `warden recover` end to end with the built executable: an organization whose only
// admin key was revoked on the storage is recovered by the CLI (no API call), the new
// key works against the running server, the audit trail records it, and the key is
// only ever in a 0600 file — never on stdout or stderr.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.ts';
import { isWellFormedToken } from '../../sdk/token.ts';
import { SqliteStorage } from '../../server/storage/sqlite.ts';
import { runProcess } from '../helpers/process.ts';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';

const BIN = resolve('cli/bin/warden.js');
const dir = mkdtempSync(join(tmpdir(), 'warden-recover-'));
const base = '/v1/orgs/acme';
let server: TestServer;

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.WARDEN_ENDPOINT;
delete env.WARDEN_API_KEY;
delete env.WARDEN_DATA_DIR;
const warden = (args: string[]) => runProcess(process.execPath, [BIN, ...args], { cwd: dir, env });

/** Revokes every key of every admin directly on the storage, as a lockout would leave it. */
async function lockOut(): Promise<void> {
  const storage = new SqliteStorage(join(server.dataDir, 'warden.db'));
  try {
    const org = (await storage.orgs.byName('acme'))!;
    const admins = await storage.assignments.list(org.id, { role: 'admin' }, { limit: 200 });
    for (const assignment of admins.items) {
      await storage.keys.revokeAll(assignment.principal_id, server.clock.now().toISOString());
    }
    expect(await storage.principals.countUsableAdmins(org.id, server.clock.now().toISOString())).toBe(0);
  } finally {
    await storage.close();
  }
}

const recoverEvents = async (call: ReturnType<typeof httpClient>) => (await call('GET', `${base}/audit-events?action=organization.recover`)).body.items;

beforeAll(async () => {
  await buildCli();
  server = await startTestServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('warden recover', () => {
  let recoveryKey = '';

  it('recovers a locked-out organization: a working admin key in a 0600 file, printed nowhere', async () => {
    await lockOut();
    expect((await httpClient(server.url, server.adminToken)('GET', '/v1/whoami')).status).toBe(401);

    const result = await warden(['recover', '--org', 'acme', '--data-dir', server.dataDir, '--key-file', 'recovery.key']);
    expect(result.code, result.stderr).toBe(0);
    recoveryKey = readFileSync(join(dir, 'recovery.key'), 'utf8').trim();
    expect(isWellFormedToken(recoveryKey)).toBe(true);
    expect(statSync(join(dir, 'recovery.key')).mode & 0o777).toBe(0o600);
    expect(result.stdout).toBe('');
    expect(result.output).not.toContain(recoveryKey);
    expect(result.output).not.toContain(recoveryKey.slice(12));
    expect(result.stderr).toMatch(/Recovered "acme": created "recovery-admin" \(admin\)/);

    const recovered = httpClient(server.url, recoveryKey);
    const whoami = (await recovered('GET', '/v1/whoami')).body;
    expect(whoami.principal.name).toBe('recovery-admin');
    expect(whoami.roles).toEqual(['admin']);

    const [event, ...others] = await recoverEvents(recovered);
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({ action: 'organization.recover', principal: { name: 'recovery-admin' }, target: { type: 'organization', name: 'acme' } });
    expect(event.details).toMatchObject({ via: 'warden recover', created: true, granted_admin: true });
    expect(JSON.stringify(event)).not.toContain(recoveryKey);
  }, 60_000);

  it('the recovered admin can hand over, and a second run re-enables recovery-admin', async () => {
    const recovered = httpClient(server.url, recoveryKey);
    const successor = (await recovered('POST', `${base}/service-accounts`, { name: 'platform-admin' })).body;
    expect((await recovered('PUT', `${base}/service-accounts/${successor.id}/roles`, { roles: ['admin'] })).status).toBe(200);
    const successorKey = (await recovered('POST', `${base}/service-accounts/${successor.id}/keys`, { label: 'ops' })).body.secret as string;
    const platform = httpClient(server.url, successorKey);
    const recoveryId = (await recovered('GET', '/v1/whoami')).body.principal.id;
    expect((await platform('POST', `${base}/service-accounts/${recoveryId}/disable`)).status).toBe(200);
    expect((await recovered('GET', '/v1/whoami')).status).toBe(401);

    const again = await warden(['recover', '--org', 'acme', '--data-dir', server.dataDir, '--key-file', 'again.key']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/re-enabled "recovery-admin"/);
    const second = readFileSync(join(dir, 'again.key'), 'utf8').trim();
    expect(again.output).not.toContain(second);
    expect((await httpClient(server.url, second)('GET', '/v1/whoami')).body.principal.id).toBe(recoveryId);
    const events = await recoverEvents(platform);
    expect(events.map((e: any) => [e.details.created, e.details.reenabled])).toEqual([
      [false, true],
      [true, false],
    ]);
  }, 60_000);

  it('says clearly when the organization or the database does not exist, and changes nothing', async () => {
    const unknownOrg = await warden(['recover', '--org', 'nosuch', '--data-dir', server.dataDir, '--key-file', 'x.key']);
    expect(unknownOrg.code).toBe(4);
    expect(unknownOrg.stderr).toMatch(/Organization "nosuch" does not exist in sqlite:.*warden\.db; check --org and --data-dir\/--database/);
    expect(existsSync(join(dir, 'x.key'))).toBe(false);

    const noDatabase = await warden(['recover', '--org', 'acme', '--data-dir', join(dir, 'empty'), '--key-file', 'y.key']);
    expect(noDatabase.code).toBe(4);
    expect(noDatabase.stderr).toMatch(/There is no Warden database at .*empty\/warden\.db/);
    expect(existsSync(join(dir, 'empty'))).toBe(false);
    expect(existsSync(join(dir, 'y.key'))).toBe(false);
  }, 60_000);

  it('refuses an existing --key-file before changing anything, and needs --key-file', async () => {
    writeFileSync(join(dir, 'taken.key'), 'keep me');
    const before = (await recoverEvents(httpClient(server.url, readFileSync(join(dir, 'again.key'), 'utf8').trim()))).length;
    const taken = await warden(['recover', '--org', 'acme', '--data-dir', server.dataDir, '--key-file', 'taken.key']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/--key-file taken\.key already exists/);
    expect(readFileSync(join(dir, 'taken.key'), 'utf8')).toBe('keep me');
    expect((await recoverEvents(httpClient(server.url, readFileSync(join(dir, 'again.key'), 'utf8').trim()))).length).toBe(before);

    const missing = await warden(['recover', '--org', 'acme', '--data-dir', server.dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--key-file/);
  }, 60_000);
});
