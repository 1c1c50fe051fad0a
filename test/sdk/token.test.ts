// The client refuses a malformed key before any request, says what is wrong with it,
// and never quotes it.
import { describe, expect, it } from 'vitest';
import { WardenApiError, createWardenClient, generateToken } from '../../sdk/index.ts';
import { isWellFormedToken, tokenFromBody } from '../../sdk/token.ts';
import { scriptedFetch } from './fake-fetch.ts';
import { mistyped } from '../helpers/tokens.ts';

const good = generateToken();
const flipped = mistyped(good);

describe('API key validation', () => {
  it.each([
    ['empty', '', /starts with "wdn_"/],
    ['foreign token', 'ghp_' + 'x'.repeat(36), /starts with "wdn_"/],
    ['truncated', good.slice(0, 30), /has 53 characters, this one has 30/],
    ['mistyped', flipped, /checksum does not match/],
    ['with a trailing newline', good + '\n', /has 53 characters, this one has 54/],
  ])('rejects a %s key locally, naming the problem without echoing the key', (_what, key, reason) => {
    const fake = scriptedFetch([200]);
    let error: unknown;
    try {
      createWardenClient({ endpoint: 'http://warden.test', apiKey: key, fetch: fake.fetch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WardenApiError);
    const apiError = error as WardenApiError;
    expect(apiError.code).toBe('malformed_api_key');
    expect(apiError.message).toMatch(/^The API key is malformed: /);
    expect(apiError.message).toMatch(reason);
    if (key.length > 8) {
      expect(apiError.message).not.toContain(key.trim());
      expect(apiError.message).not.toContain(key.slice(4, 20));
    }
    expect(fake.sent).toHaveLength(0);
  });

  it('accepts a well-formed key and sends it as a Bearer credential only', async () => {
    const fake = scriptedFetch([200]);
    const client = createWardenClient({ endpoint: 'http://warden.test/', apiKey: good, organization: 'acme', fetch: fake.fetch, userAgent: 'warden-cli/9' });
    await client.serviceAccounts.list({ name: 'ci-bot' });
    const [request] = fake.sent;
    expect(request!.headers.get('authorization')).toBe(`Bearer ${good}`);
    expect(request!.headers.get('user-agent')).toBe('warden-cli/9 warden-sdk/0.1.0');
    expect(request!.url.href).toBe('http://warden.test/v1/orgs/acme/service-accounts?name=ci-bot');
    expect(Object.keys(client)).not.toContain('apiKey');
    expect(JSON.stringify(client)).not.toContain(good);
  });
});

describe('token checksum', () => {
  // Known answers from the first (BigInt) implementation: tokens issued before must stay valid.
  // They cover a CRC above 2^31 and a checksum with a leading zero digit.
  it.each([
    ['0'.repeat(43), '2CZclj'],
    ['z'.repeat(43), '0UsatS'],
    ['a'.repeat(43), '4SHDYg'],
  ])('gives the body %s the checksum %s', (body, checksum) => {
    const token = tokenFromBody(body);
    expect(token).toBe(`wdn_${body}${checksum}`);
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken(`wdn_${body}${checksum.slice(0, 5)}${checksum[5] === 'A' ? 'B' : 'A'}`)).toBe(false);
  });
});
