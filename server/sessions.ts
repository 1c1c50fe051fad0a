// Browser sessions of signed-in users: a random cookie value (stored only as its SHA-256),
// a CSRF token derived from it, sliding idle expiry within an absolute lifetime, and the
// cookie's attributes (HttpOnly, SameSite=Strict, Secure under TLS).
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Repositories, SessionRow, UserRow } from './storage/types.ts';

export const SESSION_COOKIE = 'warden_session';

export interface SessionPolicy {
  /** A session unused this long ends. @default 30 min */
  idleMs: number;
  /** A session ends this long after sign-in, however active. @default 12 h */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

const sha256 = (value: string) => hash('sha256', value, 'hex');

/**
 * The CSRF token is a hash of the session secret under its own label: the server need not
 * store it, scripts of this origin learn it from the session answer, and other origins
 * can read neither it nor the HttpOnly cookie it comes from.
 */
export function csrfTokenFor(secret: string): string {
  return hash('sha256', `warden-csrf:${secret}`, 'base64url');
}

export function csrfMatches(secret: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') {
    return false;
  }
  const expected = Buffer.from(csrfTokenFor(secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The session secret from a Cookie header, or undefined. */
export function sessionSecretFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** When a session that was last seen at `lastSeen` ends: idle expiry, capped by the absolute one. */
function expiry(row: Pick<SessionRow, 'created_at'>, lastSeenMs: number, policy: SessionPolicy): string {
  return new Date(Math.min(lastSeenMs + policy.idleMs, Date.parse(row.created_at) + policy.absoluteMs)).toISOString();
}

export interface OpenedSession {
  secret: string;
  csrfToken: string;
  expiresAt: string;
}

export async function openSession(repos: Repositories, user: UserRow, now: Date, policy: SessionPolicy): Promise<OpenedSession> {
  const secret = randomBytes(32).toString('base64url');
  const createdAt = now.toISOString();
  const expiresAt = expiry({ created_at: createdAt }, now.getTime(), policy);
  await repos.people.sessions.insert({ id_hash: sha256(secret), user_id: user.id, created_at: createdAt, expires_at: expiresAt, last_seen_at: createdAt });
  return { secret, csrfToken: csrfTokenFor(secret), expiresAt };
}

export interface LiveSession {
  row: SessionRow;
  user: UserRow;
  expiresAt: string;
}

/** The session and its user when the secret names a live one (and slides its idle expiry); else undefined. */
export async function resumeSession(repos: Repositories, secret: string, now: Date, policy: SessionPolicy): Promise<LiveSession | undefined> {
  const row = await repos.people.sessions.get(sha256(secret));
  if (!row) {
    return undefined;
  }
  const nowMs = now.getTime();
  if (expiry(row, Date.parse(row.last_seen_at), policy) <= now.toISOString()) {
    await repos.people.sessions.delete(row.id_hash);
    return undefined;
  }
  const user = await repos.people.users.get(row.user_id);
  if (!user) {
    return undefined;
  }
  await repos.people.sessions.touch(row.id_hash, now.toISOString());
  return { row, user, expiresAt: expiry(row, nowMs, policy) };
}

export async function closeSession(repos: Repositories, secret: string): Promise<void> {
  await repos.people.sessions.delete(sha256(secret));
}

export function sessionCookie(secret: string, secure: boolean, policy: SessionPolicy): string {
  return [
    `${SESSION_COOKIE}=${secret}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.floor(policy.absoluteMs / 1000)}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', ...(secure ? ['Secure'] : [])].join('; ');
}
