// Every failure reaches the caller as one WardenApiError: problem documents, foreign
// (non-problem) answers, transport failures — with no credential in any message.
import { describe, expect, it } from 'vitest';
import { WardenApiError, createWardenClient, generateToken, redact } from '../../sdk/index.ts';
import { problem, scriptedFetch, type Step } from './fake-fetch.ts';

const apiKey = generateToken();

async function failure(step: Step): Promise<WardenApiError> {
  const fake = scriptedFetch([step]);
  const client = createWardenClient({ endpoint: 'http://warden.test', apiKey, organization: 'acme', fetch: fake.fetch, retry: { retries: 0 } });
  return client.serviceAccounts.get('sa_0000000000000000000a').then(
    () => expect.fail('expected an error'),
    (e: unknown) => e as WardenApiError,
  );
}

describe('WardenApiError', () => {
  it('maps a problem document: status, code, title, detail, field errors, request id', async () => {
    const error = await failure({
      status: 400,
      body: problem(400, 'invalid_request', {
        title: 'Invalid request',
        detail: 'The request body is invalid.',
        errors: [{ field: 'body.ttl', message: 'use 90d' }],
      }),
      headers: { 'x-request-id': 'req-42' },
    });
    expect(error).toBeInstanceOf(WardenApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'WardenApiError',
      status: 400,
      code: 'invalid_request',
      title: 'Invalid request',
      detail: 'The request body is invalid.',
      requestId: 'req-42',
    });
    expect(error.fieldErrors).toEqual([{ field: 'body.ttl', message: 'use 90d' }]);
    expect(error.errors).toBe(error.fieldErrors);
    expect(error.message).toBe('The request body is invalid. (body.ttl: use 90d)');
  });

  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'name_taken'],
    [412, 'version_conflict'],
    [422, 'unknown_role'],
  ])('keeps HTTP %i with code %s', async (status, code) => {
    const error = await failure({ status, body: problem(status, code) });
    expect([error.status, error.code]).toEqual([status, code]);
    expect(WardenApiError.is(error, code)).toBe(true);
    expect(WardenApiError.is(error, 'something_else')).toBe(false);
  });

  it('explains an answer that is not a problem document (a proxy page, say)', async () => {
    const error = await failure(
      () => new Response('<html><body>Bad   gateway</body></html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    );
    expect([error.status, error.code, error.title]).toEqual([502, 'http_error', 'Bad Gateway']);
    expect(error.message).toMatch(/HTTP 502: <html><body>Bad gateway<\/body><\/html> \(not a Warden problem document/);
  });

  it('never repeats a token, even when the server echoes one', async () => {
    const error = await failure({
      status: 400,
      body: problem(400, 'invalid_request', { detail: `bad header Bearer ${apiKey}`, errors: [{ field: 'header.authorization', message: apiKey }] }),
    });
    const everything = JSON.stringify({ ...error, message: error.message, fields: error.fieldErrors });
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain(apiKey.slice(4, 30));
    expect(redact(`key ${apiKey} and Bearer abc123def456`)).toBe('key wdn_[redacted] and Bearer [redacted]');
  });

  it('redacts credentials, never the words of a sentence', () => {
    const sentence = 'Send a valid API key as "Authorization: Bearer wdn_…", "Authorization: Key wdn_…" or HTTP Basic username.';
    expect(redact(sentence)).toBe(sentence);
    expect(redact('Use HTTP Basic authentication, a Key credential or a Bearer token.')).toBe(
      'Use HTTP Basic authentication, a Key credential or a Bearer token.',
    );
    const basic = Buffer.from(`${apiKey}:`).toString('base64');
    expect(redact(`Authorization: Basic ${basic}`)).toBe('Authorization: Basic [redacted]');
    expect(redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig.')).toBe('Authorization: Bearer [redacted].');
    expect(redact('header Key Zm9vYmFyYmF6cXV4')).toBe('header Key [redacted]');
  });

  it('reports an unusable endpoint on the first call, naming the fix', async () => {
    const client = createWardenClient({ endpoint: 'localhost:8080', apiKey, organization: 'acme' });
    const error = await client.whoami().then(
      () => expect.fail('expected an error'),
      (e: unknown) => e as WardenApiError,
    );
    expect([error.status, error.code]).toEqual([0, 'invalid_endpoint']);
    expect(error.message).toMatch(/http:\/\/ or https:\/\//);
  });
});
