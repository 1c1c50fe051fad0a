// Reusable attribute validators. Messages are complete sentences naming the fix.
import { isDuration } from '../../sdk/duration.ts';
import type { TfValue } from '../protocol/types.ts';
import type { Validator } from './schema.ts';

export const matches = (pattern: RegExp, explanation: string): Validator => ({
  check: (value) => (typeof value === 'string' && !pattern.test(value) ? [`"${value}" is not valid: ${explanation}.`] : []),
});

export const oneOf = (allowed: readonly string[]): Validator => ({
  check: (value) => (typeof value === 'string' && !allowed.includes(value) ? [`"${value}" must be one of ${allowed.join(', ')}.`] : []),
});

export const duration = (): Validator => ({
  check: (value) =>
    typeof value === 'string' && !isDuration(value)
      ? [`"${value}" is not a duration: use a whole number and a unit s, m, h or d (for example 90d, 12h, 15m or 90s).`]
      : [],
});

export const eachElement = (inner: Validator): Validator => ({
  check: (value: TfValue) => (Array.isArray(value) ? value.flatMap((v) => inner.check(v)) : []),
});

export const SLUG = matches(/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'use 3 to 63 lowercase letters, digits and single hyphens, starting with a letter');
