// Sends the API key as `Authorization: Bearer …` on every request. The key lives only in
// this closure: it is never logged, never put in an error, never exposed on the client.
import type { Middleware } from 'openapi-fetch';

export function authMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${apiKey}`);
      return request;
    },
  };
}
