// Reusable attribute validators. Each returns complete sentences that name the fix; the
// framework attaches them as error diagnostics on the attribute's path. Validators only
// see known, non-null values: unknown and null are never an error here.
import { isKnownNonNull, type TfValue } from './values.ts';
import type { ValidationContext, Validator } from './schema.ts';

const show = (value: TfValue) => JSON.stringify(typeof value === 'bigint' ? value.toString() : value);

/** A string matching `pattern`; `explanation` says what is expected, e.g. "use lowercase letters". */
export const matches = (pattern: RegExp, explanation: string): Validator => ({
  description: explanation,
  check: (value) => (typeof value === 'string' && !pattern.test(value) ? `${show(value)} is not valid: ${explanation}.` : undefined),
});

/** One of a fixed set of strings. */
export const oneOf = (allowed: readonly string[]): Validator => ({
  description: `one of ${allowed.join(', ')}`,
  check: (value) =>
    typeof value === 'string' && !allowed.includes(value) ? `${show(value)} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.` : undefined,
});

/** A string of min..max characters (Unicode code points). */
export const lengthBetween = (min: number, max: number): Validator => ({
  description: `${min} to ${max} characters`,
  check: (value) => {
    const length = typeof value === 'string' ? [...value].length : undefined;
    return length !== undefined && (length < min || length > max) ? `Use ${min} to ${max} characters, not ${length}.` : undefined;
  },
});

/** A number in [min, max]. */
export const between = (min: number, max: number): Validator => ({
  description: `between ${min} and ${max}`,
  check: (value) => {
    const n = typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;
    return n !== undefined && (n < min || n > max) ? `${show(value)} must be between ${min} and ${max}.` : undefined;
  },
});

/** A list, set or map with min..max elements. */
export const sizeBetween = (min: number, max: number): Validator => ({
  description: `${min} to ${max} elements`,
  check: (value) => {
    const size = Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : undefined;
    return size !== undefined && (size < min || size > max) ? `Give ${min} to ${max} elements, not ${size}.` : undefined;
  },
});

/** Applies `inner` to each element of a list/set (or each value of a map). */
export const eachElement = (inner: Validator): Validator => ({
  description: inner.description ? `each element: ${inner.description}` : undefined,
  check: (value, context) => {
    const elements = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
    return elements.filter(isKnownNonNull).flatMap((element) => toMessages(inner.check(element, context)));
  },
});

/** The attribute must not be set together with any of `others`. */
export const conflictsWith = (...others: string[]): Validator => ({
  description: `conflicts with ${others.join(', ')}`,
  check: (_value, { attribute, config }) =>
    others.filter((o) => config[o] !== null && config[o] !== undefined).map((o) => `Set either ${attribute} or ${o}, not both.`),
});

/** The attribute needs every one of `others` set as well. */
export const alsoRequires = (...others: string[]): Validator => ({
  description: `requires ${others.join(', ')}`,
  check: (_value, { attribute, config }) =>
    others.filter((o) => config[o] === null || config[o] === undefined).map((o) => `${attribute} needs ${o} to be set as well.`),
});

/** Normalises what a validator returned into a list of messages. */
export function toMessages(result: string | string[] | undefined | void): string[] {
  if (result === undefined || result === null || result === '') {
    return [];
  }
  return Array.isArray(result) ? result.filter(Boolean) : [result];
}

export type { ValidationContext, Validator };
