// createSessionClient: the SDK for a browser page signed in by session cookie (the web
// console). Same typed openapi-fetch client and resources as createWardenClient, but no
// API key: requests carry the same-origin cookie and, on unsafe methods, the CSRF token.
// Imports nothing from Node, so a browser bundle can include it.
import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/warden.ts';
import { csrfMiddleware } from './middleware/csrf.ts';
import { call } from './result.ts';
import { assignmentsResource, roleSetsResource } from './resources/assignments.ts';
import { auditResource } from './resources/audit.ts';
import type { ResourceContext } from './resources/context.ts';
import { keysResource } from './resources/keys.ts';
import { rolesResource } from './resources/roles.ts';
import { serviceAccountsResource } from './resources/service-accounts.ts';

export interface SessionClientOptions {
  /** Origin of the API; '' (the default) is the page's own origin. */
  baseUrl?: string;
  /** The session's CSRF token, read on every unsafe request. */
  csrfToken: () => string | undefined;
  /** The organization in the path of org-scoped calls (the console's current one). */
  organization: () => string;
  fetch?: typeof fetch;
}

export function createSessionClient(options: SessionClientOptions) {
  const raw: Client<paths> = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'same-origin',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  raw.use(csrfMiddleware(options.csrfToken));
  // How errors name the server: the page's own origin when the base URL is relative.
  const shown = options.baseUrl || (globalThis as { location?: { origin?: string } }).location?.origin || 'the server';
  const ctx: ResourceContext = {
    raw,
    org: async () => options.organization(),
    call: (request) => call(shown, request),
    idempotency: (key) => ({ 'Idempotency-Key': key ?? globalThis.crypto.randomUUID() }),
    ifMatch: (etag) => (etag ? { 'If-Match': etag } : {}),
  };
  return {
    /** The typed openapi-fetch client (cookie + CSRF), for operations without a resource. */
    raw,
    /** Runs one raw call: the value, or a thrown WardenApiError. */
    call: ctx.call,
    serviceAccounts: serviceAccountsResource(ctx),
    keys: keysResource(ctx),
    roles: rolesResource(ctx),
    assignments: assignmentsResource(ctx),
    roleSets: roleSetsResource(ctx),
    audit: auditResource(ctx),
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;
