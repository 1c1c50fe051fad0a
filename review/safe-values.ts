// The only door through which plan values reach a report. A plan JSON carries secrets
// (`secret` of every key in state, anything a module marks sensitive), so reports never
// copy values wholesale: they read named, non-secret attributes one by one, refuse
// anything Terraform marks sensitive, and every rendered text is scrubbed of anything
// shaped like a Warden token as a last line of defence.
import { TOKEN_PREFIX } from '../sdk/token.ts';
import type { Json, Values } from './plan-types.ts';

/** Attributes a report may show; everything else (secret, secret_wo, description, triggers' values) is never read. */
export const SHOWN_ATTRIBUTES = new Set([
  'id',
  'name',
  'label',
  'role',
  'roles',
  'permissions',
  'service_account_id',
  'ttl',
  'rotate_before',
  'grace_period',
  'disabled',
  'deletion_protection',
  'prefix',
  'status',
  'created_at',
  'expires_at',
]);

/**
 * `wdn_` followed by more characters than the 8 of a public prefix: a token or a piece of
 * one. Public prefixes (`wdn_` + 8) stay readable; they identify a key and are not secret.
 */
const TOKEN_LIKE = new RegExp(`${TOKEN_PREFIX}[0-9A-Za-z]{9,}`, 'g');
export const REDACTED = `${TOKEN_PREFIX}[redacted]`;

export function scrub(text: string): string {
  return text.replace(TOKEN_LIKE, REDACTED);
}

/** A value as the report sees it: shown, unknown until apply, sensitive, or absent. */
export type Seen<T> = { state: 'known'; value: T } | { state: 'unknown' } | { state: 'sensitive' } | { state: 'absent' };

const marked = (marks: Json, attribute: string): boolean => {
  if (marks === true) {
    return true;
  }
  if (typeof marks !== 'object' || marks === null) {
    return false;
  }
  const mark = (marks as Record<string, Json>)[attribute];
  // A nested structure (list/map) is sensitive if any part of it is.
  return mark === true || (typeof mark === 'object' && mark !== null && JSON.stringify(mark).includes('true'));
};

/** One side (before or after) of a resource change, read safely. */
export class SafeValues {
  constructor(
    private readonly values: Values | null | undefined,
    private readonly sensitive: Json = false,
    private readonly unknown: Json = false,
  ) {}

  get exists(): boolean {
    return this.values !== null && this.values !== undefined;
  }

  private raw(attribute: string): Seen<Json> {
    if (!SHOWN_ATTRIBUTES.has(attribute)) {
      throw new Error(`internal: "${attribute}" is not an attribute a report may show`);
    }
    if (marked(this.unknown, attribute)) {
      return { state: 'unknown' };
    }
    if (marked(this.sensitive, attribute)) {
      return { state: 'sensitive' };
    }
    const value = this.values?.[attribute];
    return value === undefined || value === null ? { state: 'absent' } : { state: 'known', value };
  }

  /** A string attribute, or what stands in for it. */
  string(attribute: string): Seen<string> {
    const seen = this.raw(attribute);
    if (seen.state !== 'known') {
      return seen;
    }
    return typeof seen.value === 'string' || typeof seen.value === 'number' ? { state: 'known', value: scrub(String(seen.value)) } : { state: 'absent' };
  }

  /** The string, or undefined whenever it cannot be shown. */
  text(attribute: string): string | undefined {
    const seen = this.string(attribute);
    return seen.state === 'known' ? seen.value : undefined;
  }

  bool(attribute: string): boolean | undefined {
    const seen = this.raw(attribute);
    return seen.state === 'known' && typeof seen.value === 'boolean' ? seen.value : undefined;
  }

  /** A set/list of strings (roles, permissions), or what stands in for it. */
  strings(attribute: string): Seen<string[]> {
    const seen = this.raw(attribute);
    if (seen.state !== 'known') {
      return seen;
    }
    return Array.isArray(seen.value) ? { state: 'known', value: seen.value.filter((v): v is string => typeof v === 'string').map(scrub) } : { state: 'absent' };
  }
}

/** How an unshowable value reads in a report. */
export function describeSeen(seen: Seen<unknown>, absent = 'none'): string {
  switch (seen.state) {
    case 'known':
      return Array.isArray(seen.value) ? seen.value.join(', ') : String(seen.value);
    case 'unknown':
      return '(known after apply)';
    case 'sensitive':
      return '(sensitive)';
    default:
      return absent;
  }
}
