// One typed HTTP error for the whole server. Handlers throw `problem(...)`; the single
// error handler in app.ts turns it (and anything else) into application/problem+json.
import type { components } from '../sdk/generated/warden.ts';

export type ProblemCode = components['schemas']['ProblemCode'];
export type FieldError = components['schemas']['FieldError'];

const TITLES: Record<ProblemCode, string> = {
  invalid_request: 'The request does not match the API contract',
  unauthenticated: 'Authentication required',
  forbidden: 'Permission denied',
  privilege_escalation: 'The change would raise privilege',
  target_more_privileged: 'The target holds more than the caller',
  not_found: 'Not found',
  name_taken: 'The name is already taken',
  organization_not_shared: 'Service accounts exist only in shared organizations',
  key_limit_reached: 'Too many active keys',
  last_admin: 'The organization would have no usable admin',
  weak_key_material: 'The key material is not random enough',
  role_in_use: 'The role is still assigned',
  builtin_role_immutable: 'Built-in roles cannot be changed',
  unknown_role: 'Unknown role',
  unknown_permission: 'Unknown permission',
  version_conflict: 'The entity changed since you read it',
  idempotency_key_reused: 'The Idempotency-Key was used for a different request',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported media type',
  unsupported_content_encoding: 'Unsupported content encoding',
  duplicate_json_key: 'Duplicate key in a JSON object',
  malformed_request: 'Malformed HTTP request',
  method_not_allowed: 'Method not allowed',
  request_timeout: 'The request took too long to arrive',
  uri_too_long: 'The URI is too long',
  headers_too_large: 'The request headers are too large',
  expectation_failed: 'Expectation failed',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal server error',
  invalid_credentials: 'Invalid email or password',
  account_locked: 'Sign-in temporarily locked',
  csrf_token_invalid: 'Missing or wrong CSRF token',
  invitation_expired: 'The invitation has expired',
  invitation_used: 'The invitation was already used',
};

export class HttpProblem extends Error {
  /** Response headers that belong with this answer, e.g. `retry-after` on 429 and 503. */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): components['schemas']['Problem'] {
    return {
      type: `urn:warden:problem:${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

/**
 * A complete HTTP/1.1 response carrying the problem, for errors found by Node's HTTP
 * parser before any request object exists (the bytes are written straight to the socket).
 * The connection is closed after it, since the parser cannot resynchronise.
 */
export function rawProblemResponse(error: HttpProblem, reason: string): string {
  const body = JSON.stringify(error.toBody());
  return (
    `HTTP/1.1 ${error.status} ${reason}\r\n` +
    'Content-Type: application/problem+json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

export function problem(status: number, code: ProblemCode, detail: string, errors?: FieldError[]): HttpProblem {
  return new HttpProblem(status, code, detail, errors);
}

/** 503 with Retry-After: nothing changed, and the same request may be sent again after `seconds`. */
export function unavailable(detail: string, seconds: number): HttpProblem {
  const busy = problem(503, 'unavailable', detail);
  busy.headers['retry-after'] = String(seconds);
  return busy;
}

export const notFound = (what: string): HttpProblem => problem(404, 'not_found', `${what} was not found in this organization`);

/** The single answer for every authentication failure, so callers learn nothing about why. */
export const UNAUTHENTICATED = (): HttpProblem =>
  problem(401, 'unauthenticated', 'Send a valid API key as "Authorization: Bearer wdn_…", "Authorization: Key wdn_…" or HTTP Basic username.');
