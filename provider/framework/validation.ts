// Configuration validation from declarations: attribute validators (on known, non-null
// values only — unknown values are checked again once known) and deprecation warnings.
// Terraform core itself checks types and required/optional, so that is not repeated here.
import { isKnownNonNull } from './values.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { Schema, State, Validator, ValidatorFn } from './schema.ts';
import { toMessages } from './validators.ts';

const run = (validator: Validator | ValidatorFn, ...args: Parameters<ValidatorFn>) =>
  toMessages(typeof validator === 'function' ? validator(...args) : validator.check(...args));

export function validateAttributes(schema: Schema, config: State, diagnostics: Diagnostics): void {
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    const value = config[name] ?? null;
    if (value === null) {
      continue;
    }
    if (attribute.deprecated) {
      const message = typeof attribute.deprecated === 'string' ? attribute.deprecated : `${name} is deprecated and will be removed in a future version.`;
      diagnostics.warning('Attribute deprecated', message, [name]);
    }
    if (!isKnownNonNull(value)) {
      continue;
    }
    for (const validator of attribute.validators ?? []) {
      for (const message of run(validator, value, { attribute: name, path: [name], config })) {
        diagnostics.error(`Invalid value for ${name}`, message, [name]);
      }
    }
  }
}
