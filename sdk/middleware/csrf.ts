// Sends the session's CSRF token as `X-CSRF-Token` on unsafe methods (POST, PUT, PATCH,
// DELETE). A browser session authenticates by cookie, which a cross-site form could also
// carry; the server accepts an unsafe request only with the token it handed to this page.
import type { Middleware } from 'openapi-fetch';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `token()` is read on every request: the token changes when the session does. */
export function csrfMiddleware(token: () => string | undefined): Middleware {
  return {
    onRequest({ request }) {
      const value = token();
      if (value && !SAFE_METHODS.has(request.method.toUpperCase())) {
        request.headers.set('x-csrf-token', value);
      }
      return request;
    },
  };
}
