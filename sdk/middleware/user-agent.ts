// Names the caller (`warden-cli/0.1.0`, `terraform-provider-warden/0.1.0`, …) so that
// server logs can tell the SDK's users apart.
import type { Middleware } from 'openapi-fetch';
import { WARDEN_VERSION } from '../generated/version.ts';

export const SDK_USER_AGENT = `warden-sdk/${WARDEN_VERSION}`;

export function userAgentMiddleware(userAgent: string = SDK_USER_AGENT): Middleware {
  const value = userAgent === SDK_USER_AGENT ? userAgent : `${userAgent} ${SDK_USER_AGENT}`;
  return {
    onRequest({ request }) {
      request.headers.set('user-agent', value);
      return request;
    },
  };
}
