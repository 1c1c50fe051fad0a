// `secret_wo` is validated at plan time with the server's key-material rule, and the
// diagnostic never quotes the (sensitive) value.
import { describe, expect, it } from 'vitest';
import { generateToken } from '../../sdk/token.ts';
import { keyMaterial } from '../../provider/validators.ts';
import { apiKey } from '../../provider/resources/api-key.ts';
import { mistyped } from '../helpers/tokens.ts';

describe('secret_wo validation', () => {
  const check = (value: string) => keyMaterial().check(value, {} as never);

  it('accepts generated material and refuses weak or mistyped material without quoting it', () => {
    expect(check(generateToken())).toBeUndefined();
    const weak = generateToken(() => Buffer.alloc(32));
    expect(check(weak)).toMatch(/^The key material is not usable: its random part uses only 1 distinct characters/);
    const good = generateToken();
    const typo = mistyped(good);
    const message = check(typo)!;
    expect(message).toMatch(/checksum does not match/);
    expect(message).not.toContain(typo.slice(4, 20));
  });

  it('is the validator of warden_api_key.secret_wo', () => {
    const attribute = (apiKey as any).schema.attributes.secret_wo;
    expect(attribute.validators.map((v: { description: string }) => v.description)).toEqual([keyMaterial().description]);
  });
});
