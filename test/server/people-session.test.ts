// Sign-in from an invitation, the session cookie's attributes, CSRF refusal, idle expiry,
// sign-out, wrong passwords, the lockout after repeated failures (for unknown emails too),
// and that no password, session secret or invitation token reaches the logs or the database.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { invite, newMember, signInWith, tokenOf, type SignedIn } from '../helpers/people.ts';

const PASSWORD = 'correct horse battery staple';
let server: TestServer;
let admin: ReturnType<typeof httpClient>;
let ada: SignedIn;
let invitationToken: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = httpClient(server.url, server.adminToken);
  const url = await invite(admin, 'acme', 'Ada@Example.com', 'admin');
  expect(url.startsWith(`${server.url}/console/#/accept?token=`)).toBe(true);
  invitationToken = tokenOf(url);
  ada = await signInWith(server.url, '/v1/invitations/accept', { token: invitationToken, display_name: 'Ada Lovelace', password: PASSWORD });
});
afterAll(() => server.close());

describe('sign-in from an invitation', () => {
  it('creates the user with a membership in the inviting organization and signs in', async () => {
    expect(ada.body.user.email).toBe('ada@example.com');
    expect(ada.body.organization.name).toBe('acme');
    const me = await ada.call('GET', '/v1/me');
    expect(me.status).toBe(200);
    const shared = me.body.memberships.find((m: any) => m.organization.name === 'acme');
    expect(shared.roles).toEqual(['admin']);
    expect(me.body.memberships[0].organization.kind).toBe('personal');
  });

  it('sets an HttpOnly, SameSite=Strict cookie on / (not Secure over plain HTTP)', () => {
    const attributes = ada.setCookie.split(';').map((a) => a.trim());
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');
    expect(attributes).not.toContain('Secure');
  });

  it('refuses the same invitation a second time', async () => {
    const again = await httpClient(server.url)('POST', '/v1/invitations/accept', {
      token: invitationToken,
      display_name: 'Eve',
      password: 'another long password',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invitation_used');
  });

  it('refuses an expired invitation with 410 and an unknown token with 404', async () => {
    const url = await invite(admin, 'acme', 'late@example.com', 'reader');
    server.clock.advance(24 * 3_600_000 + 1_000);
    const expired = await httpClient(server.url)('POST', '/v1/invitations/accept', { token: tokenOf(url), display_name: 'Late', password: PASSWORD });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('invitation_expired');
    const unknown = await httpClient(server.url)('POST', '/v1/invitations/accept', { token: 'A'.repeat(43), display_name: 'X', password: PASSWORD });
    expect(unknown.status).toBe(404);
    const listed = (await admin('GET', '/v1/orgs/acme/invitations')).body.items.find((i: any) => i.email === 'late@example.com');
    expect(listed.status).toBe('expired');
  });

  it('refuses a password shorter than 12 characters and creates nothing', async () => {
    const url = await invite(admin, 'acme', 'short@example.com', 'reader');
    const short = await httpClient(server.url)('POST', '/v1/invitations/accept', { token: tokenOf(url), display_name: 'Short', password: 'too-short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('body.password');
    expect((await admin('GET', '/v1/orgs/acme/users?email=short@example.com')).body.items).toEqual([]);
  });
});

describe('the session cookie', () => {
  // The invitation tests moved the clock past the first session's lifetime.
  beforeAll(async () => {
    ada = await signInWith(server.url, '/v1/session', { email: 'ada@example.com', password: PASSWORD });
  });

  it('authenticates API calls as the user, audited under the user’s email', async () => {
    const created = await ada.call('POST', '/v1/orgs/acme/service-accounts', { name: 'made-by-ada' });
    expect(created.status).toBe(201);
    const events = (await admin('GET', `/v1/orgs/acme/audit-events?target_id=${created.body.id}`)).body.items;
    expect(events[0].principal).toMatchObject({ type: 'user', name: 'ada@example.com' });
  });

  it('refuses unsafe methods without the CSRF token (403 csrf_token_invalid) and changes nothing', async () => {
    const refused = await ada.call('POST', '/v1/orgs/acme/service-accounts', { name: 'forged' }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('csrf_token_invalid');
    const wrong = await ada.call('POST', '/v1/orgs/acme/service-accounts', { name: 'forged' }, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    expect((await admin('GET', '/v1/orgs/acme/service-accounts?name=forged')).body.items).toEqual([]);
  });

  it('answers GET /v1/session with the user and the same CSRF token', async () => {
    const session = await ada.call('GET', '/v1/session');
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe('ada@example.com');
    expect(session.body.csrf_token).toBe(ada.csrf);
  });

  it('ends after 30 idle minutes', async () => {
    const bob = await newMember(server.url, admin, 'acme', 'bob@example.com', 'reader', PASSWORD);
    expect((await bob.call('GET', '/v1/session')).status).toBe(200);
    server.clock.advance(31 * 60_000);
    expect((await bob.call('GET', '/v1/session')).status).toBe(401);
    expect((await bob.call('GET', '/v1/orgs/acme/service-accounts')).status).toBe(401);
  });

  it('ends 12 hours after sign-in however active it is', async () => {
    const erin = await newMember(server.url, admin, 'acme', 'erin@example.com', 'reader', PASSWORD);
    for (let minutes = 0; minutes < 12 * 60 - 25; minutes += 25) {
      server.clock.advance(25 * 60_000);
      expect((await erin.call('GET', '/v1/orgs/acme/service-accounts')).status).toBe(200);
    }
    server.clock.advance(25 * 60_000);
    expect((await erin.call('GET', '/v1/session')).status).toBe(401);
  });

  it('signs out: 204, the cookie is cleared and stops working', async () => {
    const carol = await signInWith(server.url, '/v1/session', { email: 'ada@example.com', password: PASSWORD });
    const out = await carol.call('DELETE', '/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/warden_session=;.*Max-Age=0/);
    expect((await carol.call('GET', '/v1/session')).status).toBe(401);
  });
});

describe('passwords and lockout', () => {
  const signIn = (email: string, password: string) => httpClient(server.url)('POST', '/v1/session', { email, password });

  it('answers a wrong password and an unknown email alike: 401 invalid_credentials', async () => {
    const wrong = await signIn('ada@example.com', 'not the password at all');
    const unknown = await signIn('nobody@example.com', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual(wrong.body);
    // One failure does not lock: the right password still works (and clears the count).
    expect((await signIn('ada@example.com', PASSWORD)).status).toBe(200);
  });

  it('locks an email for 15 minutes after 5 consecutive failures, even against the right password', async () => {
    await newMember(server.url, admin, 'acme', 'dave@example.com', 'reader', PASSWORD);
    for (let i = 1; i <= 4; i++) {
      expect((await signIn('dave@example.com', `wrong password ${i}`)).status).toBe(401);
    }
    const fifth = await signIn('dave@example.com', 'wrong password 5');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('account_locked');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await signIn('DAVE@example.com', PASSWORD);
    expect(right.status).toBe(423);
    server.clock.advance(15 * 60_000 + 1_000);
    expect((await signIn('dave@example.com', PASSWORD)).status).toBe(200);
  });

  it('locks an unknown email the same way, revealing nothing', async () => {
    let last;
    for (let i = 1; i <= 5; i++) {
      last = await signIn('ghost@example.com', `wrong password ${i}`);
    }
    expect(last!.status).toBe(423);
    expect(last!.body.code).toBe('account_locked');
  });

  it('keeps passwords, session secrets and invitation tokens out of logs and the database', async () => {
    const logs = server.logText();
    const db = readFileSync(join(server.dataDir, 'warden.db')).toString('latin1') + readFileSync(join(server.dataDir, 'warden.db-wal')).toString('latin1');
    const session = ada.cookie.split('=')[1]!;
    for (const secret of [PASSWORD, session, invitationToken, ada.csrf]) {
      expect(logs).not.toContain(secret);
      expect(db).not.toContain(secret);
    }
    expect(db).toContain('scrypt$32768$8$1$');
  });
});

describe('changing the password', () => {
  it('needs the current password, ends the other sessions, and the new one signs in', async () => {
    const NEW = 'a brand new long password';
    const here = await signInWith(server.url, '/v1/session', { email: 'ada@example.com', password: PASSWORD });
    const elsewhere = await signInWith(server.url, '/v1/session', { email: 'ada@example.com', password: PASSWORD });
    const wrong = await here.call('POST', '/v1/me/password', { current_password: 'not my password', new_password: NEW });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const short = await here.call('POST', '/v1/me/password', { current_password: PASSWORD, new_password: 'short' });
    expect(short.status).toBe(400);
    expect((await here.call('POST', '/v1/me/password', { current_password: PASSWORD, new_password: NEW })).status).toBe(204);
    expect((await here.call('GET', '/v1/session')).status).toBe(200);
    expect((await elsewhere.call('GET', '/v1/session')).status).toBe(401);
    expect((await httpClient(server.url)('POST', '/v1/session', { email: 'ada@example.com', password: PASSWORD })).status).toBe(401);
    expect((await httpClient(server.url)('POST', '/v1/session', { email: 'ada@example.com', password: NEW })).status).toBe(200);
    expect((await here.call('POST', '/v1/me/password', { current_password: NEW, new_password: PASSWORD })).status).toBe(204);
    expect(server.logText()).not.toContain(NEW);
  });
});

describe('clean-up', () => {
  it('counts only failures close together, and forgets ended sessions and old failures', async () => {
    const { SqliteStorage } = await import('../../server/storage/sqlite.ts');
    const { purgePeopleState } = await import('../../server/sign-in.ts');
    const { DEFAULT_SESSION_POLICY } = await import('../../server/sessions.ts');
    const signIn = (password: string) => httpClient(server.url)('POST', '/v1/session', { email: 'ada@example.com', password });
    // Four failures, a long pause, four more: never five close together, so no lock.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) {
        expect((await signIn('wrong password here')).status).toBe(401);
      }
      server.clock.advance(16 * 60_000);
    }
    expect((await signIn(PASSWORD)).status).toBe(200);
    await signIn('wrong password here');
    server.clock.advance(13 * 3_600_000);
    const storage = new SqliteStorage(join(server.dataDir, 'warden.db'));
    try {
      await purgePeopleState(storage, server.clock, DEFAULT_SESSION_POLICY);
      const db = (storage as unknown as { db: { prepare(sql: string): { get(): { n: number } } } }).db;
      expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get().n).toBe(0);
      expect(db.prepare('SELECT COUNT(*) AS n FROM sign_in_failures').get().n).toBe(0);
    } finally {
      await storage.close();
    }
  });
});
