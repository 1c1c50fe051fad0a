// Checking an email and password, with a lockout per email: after MAX_FAILURES consecutive
// failures (each within LOCKOUT_MS of the previous one) sign-in for that email is refused
// for LOCKOUT_MS. Failures are counted by a
// hash of the email whether or not a user has it, so the lockout answers the same for
// unknown emails and reveals nothing about which accounts exist.
import { createHash } from 'node:crypto';
import type { Clock } from './clock.ts';
import { HttpProblem, problem } from './errors.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import type { Storage, UserRow } from './storage/types.ts';

export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;

export const INVALID_CREDENTIALS = (): HttpProblem => problem(401, 'invalid_credentials', 'The email and password do not match.');

const emailHash = (email: string) => createHash('sha256').update(`warden-sign-in:${email.toLowerCase()}`).digest('hex');

function locked(untilIso: string, now: Date): HttpProblem {
  const seconds = Math.max(1, Math.ceil((Date.parse(untilIso) - now.getTime()) / 1000));
  const refused = problem(423, 'account_locked', `Too many failed sign-ins for this email; try again in ${Math.ceil(seconds / 60)} minute(s).`);
  refused.headers['retry-after'] = String(seconds);
  return refused;
}

/** The user whose email and password these are, or a 401/423 problem (recording the failure). */
export async function checkCredentials(storage: Storage, clock: Clock, email: string, password: string): Promise<UserRow> {
  const key = emailHash(email);
  const now = clock.now();
  const before = await storage.people.signInFailures.get(key);
  if (before?.locked_until && before.locked_until > now.toISOString()) {
    throw locked(before.locked_until, now);
  }
  const user = await storage.people.users.byEmail(email);
  const ok = user ? await verifyPassword(password, user.password_hash) : (await burnPasswordCheck(password), false);
  if (ok) {
    if (before) {
      await storage.people.signInFailures.clear(key);
    }
    return user!;
  }
  const lockedOut = await storage.transaction(async (tx) => {
    const current = await tx.people.signInFailures.get(key);
    // A lock that ran out, or a last failure long ago, starts a fresh count.
    const stale = !current || current.locked_until !== null || Date.parse(current.last_failure_at) <= now.getTime() - LOCKOUT_MS;
    const failures = (stale ? 0 : current.failures) + 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    await tx.people.signInFailures.put({ email_hash: key, failures, last_failure_at: now.toISOString(), locked_until: lockedUntil });
    return lockedUntil;
  });
  throw lockedOut ? locked(lockedOut, now) : INVALID_CREDENTIALS();
}

/** Forgets ended sessions and old sign-in failures (called by the people sweep, people-sweep.ts). */
export async function purgePeopleState(storage: Storage, clock: Clock, policy: { idleMs: number; absoluteMs: number }): Promise<void> {
  const now = clock.now().getTime();
  await storage.people.sessions.purge(new Date(now - policy.idleMs).toISOString(), new Date(now - policy.absoluteMs).toISOString());
  await storage.people.signInFailures.purge(new Date(now - LOCKOUT_MS).toISOString(), new Date(now).toISOString());
}
