// Turns openapi-fetch's `{ data } | { error }` results into values or a thrown
// WardenApiError, keeping the ETag so callers can send it back as If-Match.
import { WardenApiError } from './errors.ts';

export interface WithEtag<T> {
  data: T;
  /** The entity version as an HTTP entity tag (`"3"`); send it back as `ifMatch`. */
  etag?: string;
}

/** The part of an openapi-fetch result this module reads. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Runs one openapi-fetch call; throws WardenApiError for every failure, HTTP or not. */
export async function call<T>(endpoint: string, run: () => Promise<FetchResult<T>>): Promise<WithEtag<T>> {
  let result: FetchResult<T>;
  try {
    result = await run();
  } catch (error) {
    throw transportError(endpoint, error);
  }
  if (!result.response.ok) {
    throw WardenApiError.fromResponse(result.response, result.error);
  }
  return { data: result.data as T, etag: result.response.headers.get('etag') ?? undefined };
}

function transportError(endpoint: string, error: unknown): WardenApiError {
  if (error instanceof WardenApiError) {
    return error;
  }
  const failure = error instanceof Error ? error : new Error(String(error));
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    return new WardenApiError({ status: 0, code: 'aborted', detail: `The request to ${endpoint} was aborted.`, cause: failure });
  }
  // undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (failure as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? failure.message;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(reason)) {
    return new WardenApiError({
      status: 0,
      code: 'network_error',
      detail: `The TLS certificate of ${endpoint} is not trusted (${reason}); if a private CA issued it, set WARDEN_CA_FILE to that CA's PEM file.`,
      cause: failure,
    });
  }
  return new WardenApiError({
    status: 0,
    code: 'network_error',
    detail: `Cannot reach the Warden server at ${endpoint} (${reason}); check the endpoint (WARDEN_ENDPOINT) and that the server is running.`,
    cause: failure,
  });
}
