// Durations as users write them everywhere (`ttl`, `rotate_before`, `grace_period`):
// a positive whole number and one unit, s, m, h or d. Shared by server, CLI and provider
// so that one spelling is accepted or refused the same way everywhere.
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^([1-9][0-9]{0,7})([smhd])$/;

export class DurationError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: ${JSON.stringify(value) ?? String(value)} is not a duration; use a whole number and a unit s, m, h or d (e.g. 90s, 15m, 12h, 90d)`);
    this.name = 'DurationError';
  }
}

/** Milliseconds of a duration string; throws DurationError naming the field. */
export function parseDuration(value: string, field = 'duration'): number {
  const match = typeof value === 'string' ? DURATION.exec(value) : null;
  if (!match) {
    throw new DurationError(field, value);
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** True when the string is a valid duration. */
export function isDuration(value: string): boolean {
  return typeof value === 'string' && DURATION.test(value);
}

/** The largest whole unit that represents ms exactly, e.g. 7776000000 → "90d". */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) {
      return `${ms / UNIT_MS[unit]}${unit}`;
    }
  }
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}
