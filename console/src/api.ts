// The console's one connection to the server: the SDK's session client (same-origin cookie,
// CSRF header on unsafe methods), the signed-in session, and the current organization.
// A 401 from any call means the session ended (expired or signed out elsewhere): the app
// drops it and shows the sign-in page.
import { WardenApiError } from '../../sdk/errors.ts';
import type { components } from '../../sdk/generated/warden.ts';
import { collect } from '../../sdk/paging.ts';
import { createSessionClient } from '../../sdk/session-client.ts';

export type Schemas = components['schemas'];
export type Session = Schemas['Session'];
export type Me = Schemas['Me'];
export { collect, WardenApiError };

interface State {
  session?: Session;
  org: string;
  me?: Me;
}

const state: State = { org: '' };
const listeners = new Set<() => void>();
let expiredNotice = false;

export const client = createSessionClient({
  csrfToken: () => state.session?.csrf_token,
  organization: () => state.org,
});

/** Runs one raw SDK call: its data, or a thrown WardenApiError (a 401 also ends the session). */
export async function call<T>(run: Parameters<typeof client.call<T>>[0]): Promise<T> {
  return (await guard(() => client.call(run))).data;
}

/** Any SDK promise, with a 401 ending the session. */
export async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    // A wrong current password (changing it) is also a 401, but the session is fine.
    if (error instanceof WardenApiError && error.status === 401 && error.code !== 'invalid_credentials' && state.session) {
      endSession(true);
    }
    throw error;
  }
}

export function currentSession(): Session | undefined {
  return state.session;
}

export function setSession(session: Session): void {
  state.session = session;
  expiredNotice = false;
  notify();
}

/** Forgets the session; `expired` shows the "session expired" notice on the sign-in page. */
export function endSession(expired = false): void {
  state.session = undefined;
  expiredNotice = expired;
  notify();
}

export function sessionExpired(): boolean {
  return expiredNotice;
}

export function setOrganization(org: string): void {
  state.org = org;
}

/** The signed-in user's memberships, for can(). */
export function setProfile(me: Me | undefined): void {
  state.me = me;
}

/**
 * Whether the user's roles in the current organization grant `permission`. Buttons for
 * changes the user may not make are left out; the server decides either way.
 */
export function can(permission: string): boolean {
  const membership = state.me?.memberships.find((m) => m.organization.name === state.org);
  return membership ? membership.permissions.includes(permission) : true;
}

/** The organization of the last organization page shown ('' before any). */
export function currentOrganization(): string {
  return state.org;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) {
    listener();
  }
}

/** The message a person reads for a failed call (never a secret: the SDK redacts). */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
