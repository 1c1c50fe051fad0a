// The bounds a hostile or broken client runs into: how long a request may take to arrive,
// how long an idle connection stays open, how many connections and how large a body.
// Defaults are generous for real clients (the SDK sends small bodies at once) and short
// enough that a stalled connection cannot be held for good.

export interface ServerLimits {
  /** Time to receive a whole request, headers and body (answered with 408). */
  requestTimeoutMs: number;
  /** Time to receive the request headers (answered with 408). */
  headersTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed. */
  idleTimeoutMs: number;
  /** Further connections are refused while this many are open. */
  maxConnections: number;
  /** Largest accepted request body (answered with 413). */
  bodyLimitBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxConnections: 1_024,
  bodyLimitBytes: 64 * 1024,
};

/** The limits with defaults filled in; headers cannot be given longer than the whole request. */
export function resolveLimits(given: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as ServerLimits;
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`server limit ${name} must be a positive integer, not ${value}`);
    }
  }
  limits.headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return limits;
}

/**
 * How often Node checks open connections against the header and request timeouts. Its
 * default (30 s) would let a 30 s bound stretch to 60 s, so it follows the shortest bound.
 */
export function connectionsCheckingIntervalMs(limits: ServerLimits): number {
  return Math.max(100, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4)));
}
