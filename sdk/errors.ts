// The one error type SDK callers catch. It carries what a caller branches on (HTTP
// status, the problem's stable `code`) and what a person needs to fix the request
// (title, detail, one entry per offending field, the request id to quote in a report).
// It never carries the credential or a secret: every message passes through redact().
import type { components } from './generated/warden.ts';
import { retryAfterMs } from './middleware/retry.ts';

type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** Codes the SDK itself produces when no problem document came back. */
export type LocalErrorCode = 'network_error' | 'http_error' | 'malformed_api_key' | 'weak_key_material' | 'aborted';

export interface WardenApiErrorInit {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  fieldErrors?: FieldError[];
  requestId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

// Anything shaped like a Warden token (or a credential after an auth scheme) is cut out
// of messages, so that a server, proxy or fetch error echoing a header can never leak it.
// Only credentials are cut, never words: the server's own "…or HTTP Basic username." must
// survive, so a value after Bearer/Key/Basic counts only when it looks like a credential.
const TOKEN_LIKE = /wdn_[0-9A-Za-z]{4,}/g;
const SCHEME_VALUE = /\b(Bearer|Key|Basic)(\s+)([A-Za-z0-9+/=_.~-]{8,})/g;

/**
 * A value after an auth scheme is a credential when it is not a plain word: it has a
 * digit, a symbol that base64/JWT/opaque tokens use, or mixed case past its first letter.
 * A trailing sentence period is not part of it.
 */
function looksLikeCredential(value: string): boolean {
  const core = value.replace(/\.+$/, '');
  return core.length >= 8 && (/[0-9+/=_~-]/.test(core) || /\./.test(core) || /[A-Z]/.test(core.slice(1)));
}

/** Removes token-shaped text (and `Bearer …`/`Key …`/`Basic …` credentials) from a message. */
export function redact(text: string): string {
  return text.replace(TOKEN_LIKE, 'wdn_[redacted]').replace(SCHEME_VALUE, (match, scheme: string, space: string, value: string) => {
    if (!looksLikeCredential(value)) {
      return match;
    }
    // Keep a sentence's closing period outside the redaction.
    const period = /\.+$/.exec(value)?.[0] ?? '';
    return `${scheme}${space}[redacted]${period}`;
  });
}

export class WardenApiError extends Error {
  /** HTTP status; 0 when no response arrived (network error, abort, local check). */
  readonly status: number;
  /** The problem's stable code (`name_taken`, `version_conflict`, …) or a LocalErrorCode. */
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
  readonly fieldErrors: FieldError[];
  readonly requestId?: string;
  /** From a 429/503 `Retry-After` that was too long to wait for inside the SDK. */
  readonly retryAfterMs?: number;

  constructor(init: WardenApiErrorInit) {
    super(redact(WardenApiError.compose(init)), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'WardenApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title === undefined ? undefined : redact(init.title);
    this.detail = init.detail === undefined ? undefined : redact(init.detail);
    this.fieldErrors = (init.fieldErrors ?? []).map((e) => ({ field: e.field, message: redact(e.message) }));
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Same as `fieldErrors`, under the problem document's own name. */
  get errors(): FieldError[] {
    return this.fieldErrors;
  }

  /** True for this error with one of the given codes, e.g. `WardenApiError.is(e, 'not_found')`. */
  static is(error: unknown, ...codes: string[]): error is WardenApiError {
    return error instanceof WardenApiError && (codes.length === 0 || codes.includes(error.code));
  }

  /** Builds the error from a non-2xx response and its parsed body (a problem or anything else). */
  static fromResponse(response: Response, body: unknown): WardenApiError {
    const problem = isProblem(body) ? body : undefined;
    const requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? problem?.instance ?? undefined;
    return new WardenApiError({
      status: response.status,
      code: problem?.code ?? 'http_error',
      title: problem?.title ?? (response.statusText || undefined),
      detail: problem?.detail ?? (problem ? undefined : nonProblemDetail(response, body)),
      fieldErrors: problem?.errors,
      requestId,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }

  private static compose(init: WardenApiErrorInit): string {
    const text = init.detail ?? init.title ?? `HTTP ${init.status}`;
    // Servers often name the fields in `detail` already; add only those it does not mention.
    const fields = (init.fieldErrors ?? []).filter((e) => !text.includes(e.field)).map((e) => `${e.field}: ${e.message}`);
    return fields.length > 0 ? `${text} (${fields.join('; ')})` : text;
  }
}

function isProblem(body: unknown): body is Partial<Problem> & { code: string } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

// A proxy or a crashed server answers with HTML or plain text: keep a short, single-line
// excerpt so the caller sees something useful, never a whole page.
function nonProblemDetail(response: Response, body: unknown): string {
  const text = typeof body === 'string' ? body.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return `The server answered HTTP ${response.status}${text ? `: ${text}` : ''} (not a Warden problem document; is the endpoint a Warden server?)`;
}
