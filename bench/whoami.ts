// Authenticated `GET /v1/whoami` throughput and p99 latency of the reference server
// (SQLite), as a ratio to a bare node:http server answering a small JSON in the same run.
// Usage: npm run bench -- [seconds=5] [connections=16]
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initOrganization } from '../server/init.ts';
import { DEFAULT_RATE_LIMITS } from '../server/rate-limit-policy.ts';
import { startServer } from '../server/start.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 16);

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, headers, duration: seconds, connections });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const bare = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"principal":{"name":"floor"}}');
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareAddress = bare.address() as { port: number };
const floor = await load(`http://127.0.0.1:${bareAddress.port}/`);
bare.close();

const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
const init = await initOrganization({ dataDir, org: 'bench' });
// The limiter runs (its cost is part of the figure) but with budgets this load never spends.
const unreachable = { points: 1_000_000_000, seconds: 60 };
const server = await startServer({ dataDir, port: 0, logLevel: 'warn', rateLimits: { ...DEFAULT_RATE_LIMITS, client: unreachable, key: unreachable } });
const warden = await load(`${server.url}/v1/whoami`, { authorization: `Bearer ${init.token}` });
await server.close();

const fmt = (n: number) => n.toFixed(1);
process.stdout.write(
  [
    `whoami benchmark: ${seconds}s per target, ${connections} connections, loopback`,
    `floor  (bare node:http): ${fmt(floor.rps)} req/s, p99 ${floor.p99} ms, errors ${floor.errors}`,
    `warden (GET /v1/whoami): ${fmt(warden.rps)} req/s, p99 ${warden.p99} ms, errors ${warden.errors}`,
    `ratio: throughput ${(warden.rps / floor.rps).toFixed(3)} of floor, p99 latency ${(warden.p99 / Math.max(floor.p99, 1)).toFixed(2)}x floor`,
  ].join('\n') + '\n',
);
