// Rate-limit quotas as operators write them (`600/60s`, `off`) and the defaults. Kept
// apart from the HTTP hook so the CLI can parse and describe flags without fastify.
import { parseDuration } from '../sdk/duration.ts';

/** `points` requests (or failures) per `seconds`, counted in fixed windows. */
export interface Quota {
  points: number;
  seconds: number;
}

export interface RateLimits {
  /** Every request, per client IP address. */
  client: Quota | null;
  /** Every request presenting one credential (counted by the credential's hash), from any address. */
  key: Quota | null;
  /** Failed authentications (401) per client IP; over budget, the address is refused for a growing time. */
  authFailures: Quota | null;
}

/**
 * Generous enough for a `terraform plan` of several thousand resources from one CI runner
 * (~100 requests/s) with room to spare; the auth-failure budget is the strict one.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  client: { points: 20_000, seconds: 60 },
  key: { points: 20_000, seconds: 60 },
  authFailures: { points: 20, seconds: 60 },
};

export const NO_RATE_LIMITS: RateLimits = { client: null, key: null, authFailures: null };

const QUOTA = /^([1-9][0-9]{0,8})\/(.+)$/;

/** `N/DURATION` (e.g. `600/60s`, `20/1m`) or `off`; throws an Error naming the option. */
export function parseQuota(value: string, option: string): Quota | null {
  if (value === 'off') {
    return null;
  }
  const match = QUOTA.exec(value);
  if (!match) {
    throw new Error(`${option} must be N/DURATION (e.g. 600/60s) or off, not ${JSON.stringify(value)}`);
  }
  const ms = parseDuration(match[2]!, option);
  return { points: Number(match[1]), seconds: ms / 1000 };
}

export const formatQuota = (quota: Quota | null): string => (quota ? `${quota.points}/${quota.seconds}s` : 'off');
