// Warden's own attribute validators (durations, slugs); the generic ones live in
// framework/validators.ts.
import { isDuration } from '../sdk/duration.ts';
import { weakKeyMaterialProblem } from '../sdk/key-material.ts';
import { describeTokenProblem } from '../sdk/token.ts';
import type { Validator } from './framework/schema.ts';
import { SLUG_PATTERN } from '../sdk/rules.ts';

export const duration = (): Validator => ({
  description: 'a duration such as 90d, 12h, 15m or 90s',
  check: (value) =>
    typeof value === 'string' && !isDuration(value)
      ? `"${value}" is not a duration: use a whole number and a unit s, m, h or d (for example 90d, 12h, 15m or 90s).`
      : undefined,
});

const SLUG_RULE = 'use 3 to 63 lowercase letters, digits and single hyphens, starting with a letter';

export const SLUG: Validator = {
  description: SLUG_RULE,
  check: (value) => (typeof value === 'string' && !SLUG_PATTERN.test(value) ? `"${value}" is not valid: ${SLUG_RULE}.` : undefined),
};

/**
 * Key material for `secret_wo`: a well-formed `wdn_` token whose random part is random
 * enough (the server's rule, checked at plan time). Never quotes the value: it is a secret.
 */
export const keyMaterial = (): Validator => ({
  description: 'a wdn_ token from ephemeral.warden_key_material',
  check: (value) => {
    if (typeof value !== 'string') {
      return undefined;
    }
    const problem = describeTokenProblem(value) ?? weakKeyMaterialProblem(value);
    return problem ? `The key material is not usable: ${problem}. Use ephemeral.warden_key_material to make it.` : undefined;
  },
});
