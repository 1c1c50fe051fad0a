// The key-material rule shared by server, SDK and provider: generated tokens always pass,
// material with runs, sequences, repeats or a small alphabet is refused, and the reason
// never quotes the material.
import { describe, expect, it } from 'vitest';
import { MIN_KEY_MATERIAL_BITS, WardenApiError, assessKeyMaterial, createWardenClient, generateToken, weakKeyMaterialProblem } from '../../sdk/index.ts';
import { tokenFromBody } from '../../sdk/token.ts';
import { scriptedFetch } from './fake-fetch.ts';

const random = (alphabet: string, length = 43) => Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const WEAK: [string, string][] = [
  ["all zeros (the probe's wdn_000…)", generateToken(() => Buffer.alloc(32))],
  ['zeros then a few characters', tokenFromBody('0'.repeat(38) + '2CZcl')],
  ['an ascending sequence', tokenFromBody(base62.slice(0, 43))],
  ['a stepped sequence', tokenFromBody([...Array(43).keys()].map((i) => base62[(i * 3) % 62]).join(''))],
  ['a short period', tokenFromBody('abc'.repeat(15).slice(0, 43))],
  ['a random 10-character chunk repeated', tokenFromBody('x7Kq2mPz9A'.repeat(5).slice(0, 43))],
  ['a random 22-character half repeated', tokenFromBody(generateToken().slice(4, 26).repeat(2).slice(0, 43))],
  ['hex digits only', tokenFromBody(random('0123456789abcdef'))],
  ['decimal digits only', tokenFromBody(random('0123456789'))],
  ['a random prefix padded with zeros', tokenFromBody(generateToken().slice(4, 34) + '0'.repeat(13))],
];

describe('key material', () => {
  it('accepts every generated token (20,000 of them)', () => {
    let lowest = Infinity;
    for (let i = 0; i < 20_000; i++) {
      const assessment = assessKeyMaterial(generateToken());
      expect(assessment.problem).toBeUndefined();
      lowest = Math.min(lowest, assessment.bits);
    }
    expect(lowest).toBeGreaterThanOrEqual(MIN_KEY_MATERIAL_BITS);
  });

  it.each(WEAK)('refuses %s, without quoting it', (_what, token) => {
    const problem = weakKeyMaterialProblem(token);
    expect(problem).toMatch(/distinct characters|bits/);
    expect(problem).not.toContain(token.slice(4, 16));
    expect(assessKeyMaterial(token).bits < MIN_KEY_MATERIAL_BITS || assessKeyMaterial(token).distinct < 17).toBe(true);
  });

  it('the SDK refuses weak material before any request, naming body.token', async () => {
    const fake = scriptedFetch([201]);
    const client = createWardenClient({ endpoint: 'http://warden.test', apiKey: generateToken(), organization: 'acme', fetch: fake.fetch });
    const error = await client.keys.create('sa_0000000000000000000a', { label: 'byo', token: WEAK[0]![1] }).then(
      () => expect.fail('expected an error'),
      (e: unknown) => e as WardenApiError,
    );
    expect([error.status, error.code, error.fieldErrors[0]?.field]).toEqual([0, 'weak_key_material', 'body.token']);
    expect(fake.sent).toHaveLength(0);
  });
});
