// The verdict exit codes of `warden review` and `warden audit-drift` (cli/exit-codes.ts lists
// them with the other commands' codes).
/** They answer with a verdict instead of the codes of the other commands. */
export const REVIEW_EXIT = { pass: 0, policy: 1, input: 2 } as const;

/** For `warden review --help` and `warden audit-drift --help`. */
export const REVIEW_EXIT_CODES_HELP = `Exit codes:
  0  passes: no finding fails the policy
  1  fails: at least one finding fails the policy (the report says which)
  2  no verdict: bad usage, an unreadable plan/state/policy, or the server could not be asked`;
