// Idempotent replays of key creation survive a restart (SQLite), return the secret only
// to a caller presenting the same Idempotency-Key and only within the replay window, and
// leave nothing in storage that reveals the secret or the Idempotency-Key: after the
// window even the sealed copy is gone from the database file.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { initOrganization } from '../../server/init.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { httpClient } from '../helpers/server.ts';

const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
let dataDir: string;
let token: string;
let server: RunningServer | undefined;

const start = async () => {
  server = await startServer({ dataDir, port: 0, clock, logLevel: 'warn', validateResponses: true });
  return httpClient(server.url, token);
};
const stop = async () => {
  await server?.close();
  server = undefined;
};
const rows = () => {
  const db = new Database(join(dataDir, 'warden.db'), { readonly: true });
  try {
    return db.prepare('SELECT key_hash, resource_id, sealed_secret, sealed_until FROM idempotency_keys').all() as {
      key_hash: string;
      resource_id: string;
      sealed_secret: string | null;
      sealed_until: string | null;
    }[];
  } finally {
    db.close();
  }
};
const databaseBytes = () =>
  ['warden.db', 'warden.db-wal', 'warden.db-shm']
    .map((f) => join(dataDir, f))
    .filter(existsSync)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'warden-replay-'));
  token = (await initOrganization({ dataDir, org: 'acme', clock })).token!;
});
afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('idempotent replay of key creation', () => {
  it('returns the same secret after a restart, to the same Idempotency-Key only', async () => {
    let api = await start();
    const sa = (await api('POST', '/v1/orgs/acme/service-accounts', { name: 'replay-bot' })).body;
    const path = `/v1/orgs/acme/service-accounts/${sa.id}/keys`;
    const idempotencyKey = 'restart-replay-7c1e0b2a';
    const first = await api('POST', path, { label: 'gha' }, { 'idempotency-key': idempotencyKey });
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^wdn_/);

    await stop();
    api = await start();
    const again = await api('POST', path, { label: 'gha' }, { 'idempotency-key': idempotencyKey });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.secret).toBe(first.body.secret);

    // Storage has a hash of the Idempotency-Key and a sealed value, neither in clear.
    const stored = rows().find((r) => r.resource_id === first.body.id)!;
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.sealed_secret).toMatch(/^v1\./);
    const bytes = databaseBytes();
    expect(bytes.includes(idempotencyKey)).toBe(false);
    expect(bytes.includes(first.body.secret)).toBe(false);
    expect(bytes.includes(first.body.secret.slice(12, 40))).toBe(false);

    // Another key with the same body is another request, not a way to the secret.
    const other = await api('POST', path, { label: 'gha' }, { 'idempotency-key': 'restart-replay-other-01' });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('erases the sealed secret when the replay window ends', async () => {
    const api = server ? httpClient(server.url, token) : await start();
    const sa = (await api('POST', '/v1/orgs/acme/service-accounts', { name: 'window-bot' })).body;
    const path = `/v1/orgs/acme/service-accounts/${sa.id}/keys`;
    const replayed = await api('POST', path, { label: 'replayed' }, { 'idempotency-key': 'window-replayed-0001' });
    const untouched = await api('POST', path, { label: 'untouched' }, { 'idempotency-key': 'window-untouched-0001' });
    const sealed = rows()
      .filter((r) => r.sealed_secret !== null)
      .map((r) => r.sealed_secret!);
    expect(sealed.length).toBeGreaterThanOrEqual(2);

    clock.advance(14 * 60_000);
    expect((await api('POST', path, { label: 'replayed' }, { 'idempotency-key': 'window-replayed-0001' })).body.secret).toBe(replayed.body.secret);

    clock.advance(60_000 + 1);
    // Past the window: the replay still names the same key, but the secret is gone for good...
    const late = await api('POST', path, { label: 'replayed' }, { 'idempotency-key': 'window-replayed-0001' });
    expect(late.status).toBe(200);
    expect(late.body.id).toBe(replayed.body.id);
    expect(late.body.secret).toBeNull();
    // ...and the next idempotent create sweeps every expired seal, replayed or not.
    await api('POST', path, { label: 'sweeper' }, { 'idempotency-key': 'window-sweeper-0001' });
    const left = rows();
    expect(left.find((r) => r.resource_id === replayed.body.id)?.sealed_secret).toBeNull();
    expect(left.find((r) => r.resource_id === untouched.body.id)?.sealed_secret).toBeNull();
    expect(left.filter((r) => r.sealed_secret !== null)).toHaveLength(1);

    // Not in the file either (secure_delete overwrites erased cells).
    await stop();
    const bytes = databaseBytes();
    for (const value of sealed) {
      expect(bytes.includes(value.slice(3, 40))).toBe(false);
    }
  });
});
