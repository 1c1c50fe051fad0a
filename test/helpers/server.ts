// Starts a real Warden server for a test: SQLite in a temp dir, loopback, port 0,
// responses checked against the contract, logs captured so tests can look for secrets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ManualClock } from '../../server/clock.ts';
import { initOrganization } from '../../server/init.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../server/rate-limit-policy.ts';
import { startServer } from '../../server/start.ts';

export interface TestServer {
  url: string;
  clock: ManualClock;
  dataDir: string;
  adminToken: string;
  org: string;
  logText(): string;
  close(): Promise<void>;
}

/**
 * The server's default limits, except that failed authentications are not throttled:
 * tests send bad credentials on purpose. Rate-limit tests pass their own limits.
 */
const TEST_RATE_LIMITS: RateLimits = { ...DEFAULT_RATE_LIMITS, authFailures: null };

export async function startTestServer(options: { clock?: ManualClock; org?: string; rateLimits?: RateLimits } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-test-'));
  const clock = options.clock ?? new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const org = options.org ?? 'acme';
  const init = await initOrganization({ dataDir, org, clock });
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const server = await startServer({
    dataDir,
    port: 0,
    clock,
    logLevel: 'debug',
    logStream,
    validateResponses: true,
    rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
  });
  return {
    url: server.url,
    clock,
    dataDir,
    adminToken: init.token!,
    org,
    logText: () => chunks.join(''),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tiny raw-HTTP helper: JSON in, parsed JSON out, status and headers kept. */
export function httpClient(base: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.status, body: json, headers: response.headers };
  };
}
