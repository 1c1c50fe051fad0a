// A scripted fetch for SDK unit tests: answers each call with the next step of a script
// (the last step repeats) and records every request with its body, so tests can assert
// what was sent, how often, and with which headers — no server, no module mocking.
export type Step =
  number | 'network' | { status: number; body?: unknown; headers?: Record<string, string> } | ((request: Request) => Response | Promise<Response>);

export interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return { type: `urn:warden:problem:${code}`, title: code.replace(/_/g, ' '), status, code, ...extra };
}

export function scriptedFetch(script: Step[]) {
  const sent: Sent[] = [];
  const fetchImpl = (async (input: Request) => {
    sent.push({ method: input.method, url: new URL(input.url), headers: new Headers(input.headers), body: input.body ? await input.text() : '' });
    const step = script[Math.min(sent.length - 1, script.length - 1)]!;
    if (step === 'network') {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
    if (typeof step === 'function') {
      return step(input);
    }
    const { status, body, headers } = typeof step === 'number' ? { status: step, body: undefined, headers: undefined } : step;
    const payload =
      body ?? (status < 300 ? { items: [], next_cursor: null } : problem(status, status === 429 ? 'rate_limited' : 'unavailable', { detail: 'busy' }));
    const contentType = status < 300 ? 'application/json' : 'application/problem+json';
    return new Response(status === 204 ? null : JSON.stringify(payload), { status, headers: { 'content-type': contentType, ...headers } });
  }) as typeof fetch;
  return { sent, fetch: fetchImpl };
}
