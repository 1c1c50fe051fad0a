// The pieces of people that need no server: scrypt hashes (salted, self-describing, never
// the password), the session cookie's parsing and attributes, CSRF comparison, and which
// client a User-Agent names.
import { describe, expect, it } from 'vitest';
import { clientFields, clientName } from '../../server/client-name.ts';
import { hashPassword, verifyPassword } from '../../server/passwords.ts';
import { clearedSessionCookie, csrfMatches, csrfTokenFor, DEFAULT_SESSION_POLICY, sessionCookie, sessionSecretFrom } from '../../server/sessions.ts';

const SECRET = 'A'.repeat(21) + '_' + 'b'.repeat(21);

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'plain:correct horse battery')).toBe(false);
  });
});

describe('session cookies', () => {
  it('finds the session among other cookies and ignores malformed values', () => {
    expect(sessionSecretFrom(`theme=dark; warden_session=${SECRET}; other=1`)).toBe(SECRET);
    expect(sessionSecretFrom('warden_session=short')).toBeUndefined();
    expect(sessionSecretFrom(`xwarden_session=${SECRET}`)).toBeUndefined();
    expect(sessionSecretFrom(undefined)).toBeUndefined();
  });

  it('sets HttpOnly, SameSite=Strict and Path=/, Secure only under TLS, and clears with Max-Age=0', () => {
    expect(sessionCookie(SECRET, false, DEFAULT_SESSION_POLICY)).toBe(`warden_session=${SECRET}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200`);
    expect(sessionCookie(SECRET, true, DEFAULT_SESSION_POLICY).endsWith('; Secure')).toBe(true);
    expect(clearedSessionCookie(true)).toBe('warden_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
  });

  it('accepts exactly the CSRF token derived from the session secret', () => {
    const token = csrfTokenFor(SECRET);
    expect(token).not.toContain(SECRET);
    expect(csrfMatches(SECRET, token)).toBe(true);
    expect(csrfMatches(SECRET, token.slice(1))).toBe(false);
    expect(csrfMatches(SECRET, csrfTokenFor('B'.repeat(43)))).toBe(false);
    expect(csrfMatches(SECRET, [token, token])).toBe(false);
    expect(csrfMatches(SECRET, undefined)).toBe(false);
  });
});

describe('client names', () => {
  const caller = (session: boolean) => ({ session: session ? ({} as never) : undefined }) as never;
  it('names Terraform and the CLI by User-Agent, a browser session as console, else api', () => {
    expect(clientName({ caller: caller(false), client: { secure: false, baseUrl: '', userAgent: 'terraform-provider-warden/0.1.0' } })).toBe('terraform');
    expect(clientName({ caller: caller(false), client: { secure: false, baseUrl: '', userAgent: 'warden-cli/0.1.0' } })).toBe('cli');
    expect(clientName({ caller: caller(true), client: { secure: false, baseUrl: '', userAgent: 'Mozilla/5.0' } })).toBe('console');
    expect(clientName({ caller: caller(false), client: { secure: false, baseUrl: '', userAgent: 'curl/8' } })).toBe('api');
    expect(clientFields({ created_by_client: 'terraform', changed_by_client: 'console' })).toEqual({
      managed_by: 'terraform',
      last_changed_by_client: 'console',
    });
    expect(clientFields({})).toEqual({ managed_by: null, last_changed_by_client: null });
  });
});
