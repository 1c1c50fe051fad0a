// The exit codes CI scripts branch on, and which failure maps to which.
import { WardenApiError } from '../sdk/errors.ts';

// review and audit-drift define their verdict codes next to their own code; listed here too,
// so this module is the CLI's one table.
export { REVIEW_EXIT, REVIEW_EXIT_CODES_HELP } from '../review/exit-codes.ts';

export const EXIT = { ok: 0, error: 1, usage: 2, unauthenticated: 3, notFound: 4, conflict: 5 } as const;

/** For `warden --help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  the server refused the request or could not be reached (the message names the field and the fix)
  2  usage: unknown command or option, missing argument, bad option value, no endpoint or API key
  3  unauthenticated: the API key is malformed, unknown, expired, revoked, or its account is disabled
  4  not found
  5  conflict: name taken, stale version (If-Match), role in use, already initialized
  review and audit-drift: 0 pass, 1 a finding fails the policy, 2 no verdict`;

/** A mistake on the command line, found before any request; exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) {
    return EXIT.usage;
  }
  if (!(error instanceof WardenApiError)) {
    return EXIT.error;
  }
  if (error.status === 401 || error.code === 'malformed_api_key') {
    return EXIT.unauthenticated;
  }
  if (error.status === 404) {
    return EXIT.notFound;
  }
  if (error.status === 409 || error.status === 412) {
    return EXIT.conflict;
  }
  if (error.code === 'invalid_endpoint') {
    return EXIT.usage;
  }
  return EXIT.error;
}
