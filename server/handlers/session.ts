// Browser sign-in: POST /v1/session checks email and password and sets the session cookie;
// GET answers the session (and its CSRF token) for the cookie; DELETE signs out.
import { UNAUTHENTICATED, problem } from '../errors.ts';
import { checkCredentials } from '../sign-in.ts';
import { clearedSessionCookie, closeSession, csrfMatches, csrfTokenFor, openSession, resumeSession, sessionCookie, sessionSecretFrom } from '../sessions.ts';
import type { UserRow } from '../storage/types.ts';
import type { HandlerReply, PublicHandler, PublicRequest, Schemas, Services } from './common.ts';
import { presentUser } from './people-present.ts';

/** Opens a session for `user` and answers it with its cookie; `extra` joins the body. */
export async function signedIn(req: PublicRequest, services: Services, user: UserRow, extra: Record<string, unknown> = {}): Promise<HandlerReply> {
  const opened = await openSession(services.storage, user, services.clock.now(), services.sessions);
  const body: Schemas['Session'] = { user: presentUser(user), csrf_token: opened.csrfToken, expires_at: opened.expiresAt };
  return {
    status: 200,
    body: { ...body, ...extra },
    headers: { 'set-cookie': sessionCookie(opened.secret, req.client.secure, services.sessions), 'cache-control': 'no-store' },
  };
}

export const signIn: PublicHandler = async (req, services) => {
  const body = req.body as Schemas['SignIn'];
  const user = await checkCredentials(services.storage, services.clock, body.email, body.password);
  return signedIn(req, services, user);
};

export const getSession: PublicHandler = async (req, services) => {
  const secret = sessionSecretFrom(req.client.cookie);
  const session = secret && (await resumeSession(services.storage, secret, services.clock.now(), services.sessions));
  if (!secret || !session) {
    throw UNAUTHENTICATED();
  }
  const body: Schemas['Session'] = { user: presentUser(session.user), csrf_token: csrfTokenFor(secret), expires_at: session.expiresAt };
  return { status: 200, body, headers: { 'cache-control': 'no-store' } };
};

export const signOut: PublicHandler = async (req, services) => {
  const secret = sessionSecretFrom(req.client.cookie);
  if (secret) {
    const session = await resumeSession(services.storage, secret, services.clock.now(), services.sessions);
    // Only a live session can be ended by a forged request, so only a live one needs the token.
    if (session && !csrfMatches(secret, req.headers['x-csrf-token'])) {
      throw problem(403, 'csrf_token_invalid', 'Signing out needs the X-CSRF-Token header from GET /v1/session.');
    }
    await closeSession(services.storage, secret);
  }
  return { status: 204, headers: { 'set-cookie': clearedSessionCookie(req.client.secure) } };
};
