// Authenticated `GET /v1/whoami` throughput and p99 latency of the reference server as
// shipped (cli/bin/warden.js server, SQLite, warn-level logs, no response validation), as a
// ratio to a bare node:http server answering a small JSON, measured in the same run. Both
// servers run in their own processes and the load generator (autocannon) in this one, so
// they never share an event loop. The two are loaded in turns, a round each, and the
// ratio is the median of the rounds' ratios: this VM's speed drifts by up to 2x within a
// minute, which made one long stretch per server decide the ratio by timing alone. Also
// prints the server's peak RSS under the load, and, as a reference, plain fastify answering
// Warden's body: the share of the floor the framework alone leaves.
// Usage: npx tsx bench/whoami.ts [seconds per round=4] [connections=16] [rounds=5]
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCli } from '../scripts/build-cli.ts';

const seconds = Number(process.argv[2] ?? 4);
const connections = Number(process.argv[3] ?? 16);
const rounds = Number(process.argv[4] ?? 5);
const root = resolve(import.meta.dirname, '..');

/** Starts a server process and resolves with its URL from the first `http://…` it prints. */
function launch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(out)?.[0];
      if (url) {
        done({ child, url });
      }
    });
    child.on('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code}`)));
  });
}

/** Peak resident set size of a process so far, in MB (VmHWM). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

async function load(url: string, headers: Record<string, string> = {}, duration = seconds) {
  const result = await autocannon({ url, headers, duration, connections });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const bareSource = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"principal":{"name":"floor"}}'); });
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;
await buildCli();
const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-whoami-'));
const keyFile = join(dataDir, 'admin.key');
execFileSync(process.execPath, ['cli/bin/warden.js', 'init', '--data-dir', dataDir, '--org', 'bench', '--key-file', keyFile], { cwd: root, stdio: 'ignore' });
const token = readFileSync(keyFile, 'utf8').trim();
const bare = await launch(['-e', bareSource]);
const warden = await launch([
  'cli/bin/warden.js',
  'server',
  '--data-dir',
  dataDir,
  '--port',
  '0',
  '--log-level',
  'warn',
  '--rate-limit',
  'off',
  '--key-rate-limit',
  'off',
]);
// A reference, not a floor: plain fastify (no hooks, no logger, one route) answering the
// body Warden gave, so the report shows how much of the floor the framework alone leaves.
const wardenBody = await (await fetch(`${warden.url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } })).text();
const fastifySource = `
const body = JSON.parse(process.env.BENCH_BODY);
const app = require('fastify')();
app.get('/v1/whoami', async () => body);
app.listen({ port: 0, host: '127.0.0.1' }).then((address) => console.log('listening on ' + address));
`;
const plainFastify = await launch(['-e', fastifySource], { BENCH_BODY: wardenBody });
const targets = {
  floor: (duration?: number) => load(`${bare.url}/`, {}, duration),
  fastify: (duration?: number) => load(`${plainFastify.url}/v1/whoami`, {}, duration),
  warden: (duration?: number) => load(`${warden.url}/v1/whoami`, { authorization: `Bearer ${token}` }, duration),
};
type Target = keyof typeof targets;
const names = Object.keys(targets) as Target[];
// A short warm-up so every server is measured with its code paths compiled.
for (const name of names) {
  await targets[name](1);
}
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const measured: Record<Target, Awaited<ReturnType<typeof load>>>[] = [];
for (let round = 1; round <= rounds; round++) {
  // Rotate which goes first, so that none always follows another.
  const order = names.map((_, i) => names[(i + round) % names.length]!);
  const results = {} as (typeof measured)[number];
  for (const name of order) {
    results[name] = await targets[name]();
  }
  measured.push(results);
  const x = (name: Target) => (results[name].rps / results.floor.rps).toFixed(2);
  process.stdout.write(
    `round ${round}: floor ${fmt(results.floor.rps)} req/s, plain fastify ${fmt(results.fastify.rps)} (${x('fastify')}×), warden ${fmt(results.warden.rps)} req/s (${x('warden')}×), warden p99 ${results.warden.p99} ms\n`,
  );
}
const rss = peakRssMb(warden.child.pid!);
bare.child.kill();
plainFastify.child.kill();
warden.child.kill('SIGTERM');
await new Promise((r) => warden.child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const floorRps = median(measured.map((m) => m.floor.rps));
const wardenRps = median(measured.map((m) => m.warden.rps));
const ratio = median(measured.map((m) => m.warden.rps / m.floor.rps));
const p99 = median(measured.map((m) => m.warden.p99));
const errors = measured.reduce((sum, m) => sum + m.floor.errors + m.fastify.errors + m.warden.errors, 0);
const fastifyRatio = median(measured.map((m) => m.fastify.rps / m.floor.rps));
process.stdout.write(
  [
    `whoami benchmark: ${rounds} rounds of ${seconds} s per target after 1 s warm-up, ${connections} connections, loopback, ${cpus().length} × ${cpus()[0]?.model.trim()}`,
    `floor  (bare node:http, own process): median ${fmt(floorRps)} req/s, p99 ${median(measured.map((m) => m.floor.p99))} ms`,
    `plain fastify answering the same body (reference): median ${fmt(median(measured.map((m) => m.fastify.rps)))} req/s, ${fastifyRatio.toFixed(2)}× floor`,
    `warden (GET /v1/whoami, own process): median ${fmt(wardenRps)} req/s, p99 ${p99} ms; server peak RSS ${rss.toFixed(0)} MB`,
    `errors and non-2xx answers: ${errors}`,
    `ratio: throughput ${ratio.toFixed(2)}× floor (median of the rounds' ratios; goal ≥ 0.5), p99 ${p99} ms (goal ≤ 3)`,
  ].join('\n') + '\n',
);
