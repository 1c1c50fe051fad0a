// Retries as openapi-fetch middleware: 429, 503 and network errors are retried with
// exponential backoff and jitter, honouring `Retry-After` (seconds or an HTTP date).
//
// Only requests that are safe to repeat are retried, because a blind retry of a create
// can issue a second API key:
//   GET, HEAD, OPTIONS, PUT, DELETE  idempotent by HTTP semantics → always
//   POST                             only with an Idempotency-Key (the server replays the first result)
//   PATCH                            only with If-Match (a repeat after success answers 412, never a double change)
//
// Register it LAST: openapi-fetch runs onRequest in order and onResponse/onError in
// reverse, so this middleware sees the fully built request (auth, user agent) and is the
// first to see the response. It re-sends a clone taken in onRequest, because by then
// the original request's body has been consumed.
import type { Middleware } from 'openapi-fetch';

export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). @default 3 */
  retries: number;
  /** Backoff before the first retry; doubles each time. @default 200 */
  baseDelayMs: number;
  /** Upper bound of the computed backoff. @default 5000 */
  maxDelayMs: number;
  /** A longer Retry-After is not waited for: the caller gets the error (with retryAfterMs). @default 60000 */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };

/** Seams for tests and for callers who want to observe retries; all optional. */
export interface RetryHooks {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onRetry?: (event: { method: string; url: string; attempt: number; delayMs: number; reason: string }) => void;
}

const RETRY_STATUSES = new Set([429, 503]);

export function isRetrySafe(request: Request): boolean {
  switch (request.method) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'PUT':
    case 'DELETE':
      return true;
    case 'POST':
      return request.headers.has('idempotency-key');
    case 'PATCH':
      return request.headers.has('if-match');
    default:
      return false;
  }
}

/** Milliseconds to wait from a Retry-After header (delta seconds or an HTTP date). */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  // Every HTTP-date format starts with a day name; without this check Date.parse would
  // read "-1" as a year.
  const at = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** "Equal jitter": half the exponential ceiling for certain, the other half random. */
export function backoffMs(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

interface Pending {
  replay: Request;
  attempts: number;
}

export function retryMiddleware(options: Partial<RetryOptions> = {}, hooks: RetryHooks = {}): Middleware {
  const settings: RetryOptions = { ...DEFAULT_RETRY, ...options };
  const sleep = hooks.sleep ?? abortableSleep;
  const random = hooks.random ?? Math.random;
  const now = hooks.now ?? Date.now;
  // Keyed by the request object openapi-fetch hands to every hook; weak so that a
  // request that never reaches onResponse/onError leaks nothing.
  const pending = new WeakMap<Request, Pending>();

  const retryable = (outcome: Response | Error) => (outcome instanceof Response ? RETRY_STATUSES.has(outcome.status) : !isAbort(outcome));

  /** Repeats the request until it succeeds, stops being retryable, or retries run out. */
  async function loop(request: Request, state: Pending, first: Response | Error, fetchImpl: typeof fetch): Promise<Response | Error> {
    let outcome = first;
    while (state.attempts < settings.retries && retryable(outcome) && !request.signal?.aborted) {
      const told = outcome instanceof Response ? retryAfterMs(outcome.headers.get('retry-after'), now()) : undefined;
      if (told !== undefined && told > settings.maxRetryAfterMs) {
        break;
      }
      const delayMs = told ?? backoffMs(state.attempts, settings, random);
      if (outcome instanceof Response) {
        // Free the connection of the answer we are discarding.
        await outcome.body?.cancel().catch(() => undefined);
      }
      hooks.onRetry?.({
        method: request.method,
        url: request.url,
        attempt: state.attempts + 1,
        delayMs,
        reason: outcome instanceof Response ? `HTTP ${outcome.status}` : outcome.message,
      });
      await sleep(delayMs, request.signal ?? undefined);
      state.attempts++;
      try {
        outcome = await fetchImpl(state.replay.clone());
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
      }
    }
    return outcome;
  }

  return {
    onRequest({ request }) {
      if (settings.retries > 0 && isRetrySafe(request)) {
        pending.set(request, { replay: request.clone(), attempts: 0 });
      }
      return undefined;
    },
    async onResponse({ request, response, options }) {
      const state = pending.get(request);
      if (!state) {
        return undefined;
      }
      pending.delete(request);
      const outcome = await loop(request, state, response, options.fetch);
      if (outcome instanceof Error) {
        throw outcome;
      }
      return outcome === response ? undefined : outcome;
    },
    async onError({ request, error, options }) {
      const state = pending.get(request);
      if (!state) {
        return undefined;
      }
      const outcome = await loop(request, state, error instanceof Error ? error : new Error(String(error)), options.fetch);
      if (outcome instanceof Error) {
        pending.delete(request);
        return outcome;
      }
      // openapi-fetch passes a recovered response through onResponse next; the state
      // stays so that a 429 there continues with the attempts already spent.
      return outcome;
    },
  };
}
