// Prop validation shared by the constructs: each constructor collects every problem into
// one Problems list and throws once, so a user fixes a whole construct in one pass. Values
// that are still tokens (references resolved by Terraform later) are skipped, never guessed.
import { Token } from 'cdktf';
import { isDuration, parseDuration } from '@wardenhq/sdk';
import { LABEL_PATTERN, SLUG_PATTERN } from '@wardenhq/sdk';

/** Names of accounts and roles: the server's slug rule (docs/domain.md). */
export const SLUG = SLUG_PATTERN;
/** Key labels: lowercase, digits, ".", "_", "-"; same rule as the document validator. */
export const LABEL = LABEL_PATTERN;
/** The server refuses a ttl outside 60s ≤ ttl ≤ 3650d (docs/domain.md). */
export const MIN_TTL_MS = 60_000;
export const MAX_TTL_MS = 3650 * 86_400_000;

/** A literal string known at synthesis; false for undefined and for tokens. */
export function isKnown(value: unknown): value is string {
  return typeof value === 'string' && !Token.isUnresolved(value);
}

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`${path}: ${problems.length} invalid prop(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

/** Collects problems of one construct's props; `throwIfAny` throws them all at once. */
export class Problems {
  private readonly list: string[] = [];

  add(field: string, message: string): void {
    this.list.push(`${field}: ${message}`);
  }

  slug(field: string, value: string | undefined): void {
    if (isKnown(value) && !SLUG.test(value)) {
      this.add(field, `${JSON.stringify(value)} is not a valid name (3–63 lowercase letters, digits and single hyphens, starting with a letter)`);
    }
  }

  label(field: string, value: string | undefined): void {
    if (isKnown(value) && !LABEL.test(value)) {
      this.add(field, `${JSON.stringify(value)} is not a valid label (lowercase letters, digits, ".", "_", "-")`);
    }
  }

  /** Milliseconds of a literal duration; undefined when absent, a token, or invalid (recorded). */
  duration(field: string, value: string | undefined): number | undefined {
    if (!isKnown(value)) {
      return undefined;
    }
    if (!isDuration(value)) {
      this.add(field, `${JSON.stringify(value)} is not a duration (use 90d, 12h, 15m or 90s)`);
      return undefined;
    }
    return parseDuration(value);
  }

  get all(): readonly string[] {
    return this.list;
  }

  throwIfAny(path: string): void {
    if (this.list.length > 0) {
      throw new ValidationError(path, this.list);
    }
  }
}
