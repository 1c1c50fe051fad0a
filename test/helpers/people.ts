// People in tests: invite by API with an admin key, accept the invitation by API, and a
// client that authenticates with the resulting session cookie (and its CSRF token).
import { expect } from 'vitest';
import { httpClient } from './server.ts';

export interface SignedIn {
  cookie: string;
  csrf: string;
  setCookie: string;
  body: any;
  /** Calls with the session cookie; unsafe methods send the CSRF token unless `csrf: false`. */
  call: (
    method: string,
    path: string,
    body?: unknown,
    options?: { csrf?: boolean; headers?: Record<string, string> },
  ) => ReturnType<ReturnType<typeof httpClient>>;
}

export function tokenOf(invitationUrl: string): string {
  const token = new URL(invitationUrl.replace('/#/', '/')).searchParams.get('token');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token!;
}

export function sessionClient(base: string, setCookie: string, csrf: string, body: unknown): SignedIn {
  const cookie = setCookie.split(';')[0]!;
  const raw = httpClient(base);
  return {
    cookie,
    csrf,
    setCookie,
    body,
    call: (method, path, payload, options = {}) =>
      raw(method, path, payload, {
        cookie,
        ...(options.csrf === false || method === 'GET' ? {} : { 'x-csrf-token': csrf }),
        ...options.headers,
      }),
  };
}

/** Answers of POST /v1/session or /v1/invitations/accept as a signed-in client. */
export async function signInWith(base: string, path: string, payload: unknown): Promise<SignedIn> {
  const response = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const body: any = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('warden_session='))!;
  expect(setCookie).toBeDefined();
  return sessionClient(base, setCookie, body.csrf_token, body);
}

/** Invites `email` into `org` with `role` using `admin` (a key's client) and returns the invitation URL. */
export async function invite(admin: ReturnType<typeof httpClient>, org: string, email: string, role: string): Promise<string> {
  const created = await admin('POST', `/v1/orgs/${org}/invitations`, { email, role });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.invitation_url as string;
}

/** Invites and accepts as a new user; the user ends up signed in. */
export async function newMember(
  base: string,
  admin: ReturnType<typeof httpClient>,
  org: string,
  email: string,
  role: string,
  password: string,
): Promise<SignedIn> {
  const url = await invite(admin, org, email, role);
  return signInWith(base, '/v1/invitations/accept', { token: tokenOf(url), display_name: email.split('@')[0], password });
}
