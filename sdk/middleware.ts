// openapi-fetch middleware, applied in this order: auth → user agent → retry.
// Retry follows the contract's rules: reads, PUT and DELETE are idempotent; a POST is
// retried only with an Idempotency-Key, a PATCH only with If-Match.
import type { Middleware } from 'openapi-fetch';

export interface RetryOptions {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

export function authMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${apiKey}`);
      return request;
    },
  };
}

export function userAgentMiddleware(userAgent: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('user-agent', userAgent);
      return request;
    },
  };
}

export function isRetrySafe(request: Request): boolean {
  switch (request.method) {
    case 'GET':
    case 'HEAD':
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

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) {
    return undefined;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header) * 1000;
  }
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function backoffMs(attempt: number, options: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

/**
 * A fetch wrapper rather than a middleware: a retry has to re-send the request, which
 * openapi-fetch middleware cannot do. Bodies are buffered once so they can be replayed.
 */
export function retryingFetch(inner: typeof fetch, options: RetryOptions): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    const body = request.body ? await request.arrayBuffer() : undefined;
    const again = () => new Request(request, { body });
    const safe = isRetrySafe(request);
    for (let attempt = 0; ; attempt++) {
      const last = !safe || attempt >= options.retries;
      try {
        const response = await inner(again());
        if (last || (response.status !== 429 && response.status !== 503)) {
          return response;
        }
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt, options);
        await sleep(Math.min(wait, options.maxDelayMs * 4), request.signal);
      } catch (error) {
        if (last || request.signal?.aborted) {
          throw error;
        }
        await sleep(backoffMs(attempt, options), request.signal);
      }
    }
  };
}
