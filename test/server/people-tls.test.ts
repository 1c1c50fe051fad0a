// Under TLS the session cookie carries `Secure` (and invitation URLs are https), so a
// browser never sends it over plain HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTrustingCa } from '../../sdk/ca-fetch.ts';
import { initOrganization } from '../../server/init.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { createTestPki } from '../helpers/test-ca.ts';

const dir = mkdtempSync(join(tmpdir(), 'warden-people-tls-'));
let server: RunningServer;
let trustedFetch: typeof fetch;
let adminKey: string;

beforeAll(async () => {
  const pki = await createTestPki();
  adminKey = (await initOrganization({ dataDir: dir, org: 'acme' })).token!;
  server = await startServer({ dataDir: dir, port: 0, logLevel: 'warn', tls: { cert: pki.certPem, key: pki.keyPem } });
  trustedFetch = fetchTrustingCa(pki.caPem);
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('people over TLS', () => {
  it('sets a Secure session cookie and hands out https invitation URLs', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      trustedFetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const invitation: any = await (
      await post('/v1/orgs/acme/invitations', { email: 'ada@example.com', role: 'member' }, { authorization: `Bearer ${adminKey}` })
    ).json();
    expect(invitation.invitation_url.startsWith(`${server.url}/console/#/accept?token=`)).toBe(true);
    expect(server.url.startsWith('https://')).toBe(true);
    const token = new URL(invitation.invitation_url.replace('/#/', '/')).searchParams.get('token');
    const accepted = await post('/v1/invitations/accept', { token, display_name: 'Ada', password: 'a long enough password' });
    expect(accepted.status).toBe(200);
    const cookie = accepted.headers.getSetCookie().find((c) => c.startsWith('warden_session='))!;
    expect(cookie.split(';').map((a) => a.trim())).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
  });
});
