// Authenticated `GET /v1/whoami` throughput and p99 latency of the reference server as
// shipped (cli/bin/warden.js server, SQLite, warn-level logs, no response validation), as a
// ratio to a bare node:http server answering a small JSON, measured in the same run. Both
// servers run in their own processes and the load generator (autocannon) in this one, so
// they never share an event loop. Also prints the server's peak RSS under the load.
// Usage: npx tsx bench/whoami.ts [seconds=10] [connections=16]
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCli } from '../scripts/build-cli.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 16);
const root = resolve(import.meta.dirname, '..');

/** Starts a server process and resolves with its URL from the first `http://…` it prints. */
function launch(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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

async function load(url: string, headers: Record<string, string> = {}) {
  // A short warm-up so both servers are measured with their code paths compiled.
  await autocannon({ url, headers, duration: 1, connections });
  const result = await autocannon({ url, headers, duration: seconds, connections });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const bareSource = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"principal":{"name":"floor"}}'); });
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;
const bare = await launch(['-e', bareSource]);
const floor = await load(`${bare.url}/`);
bare.child.kill();

await buildCli();
const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-whoami-'));
const keyFile = join(dataDir, 'admin.key');
execFileSync(process.execPath, ['cli/bin/warden.js', 'init', '--data-dir', dataDir, '--org', 'bench', '--key-file', keyFile], { cwd: root, stdio: 'ignore' });
const token = readFileSync(keyFile, 'utf8').trim();
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
const result = await load(`${warden.url}/v1/whoami`, { authorization: `Bearer ${token}` });
const rss = peakRssMb(warden.child.pid!);
warden.child.kill('SIGTERM');
await new Promise((r) => warden.child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const fmt = (n: number) => Math.round(n).toLocaleString('en');
process.stdout.write(
  [
    `whoami benchmark: ${seconds} s per target after 1 s warm-up, ${connections} connections, loopback, ${cpus().length} × ${cpus()[0]?.model.trim()}`,
    `floor  (bare node:http, own process): ${fmt(floor.rps)} req/s, p99 ${floor.p99} ms, errors ${floor.errors}`,
    `warden (GET /v1/whoami, own process): ${fmt(result.rps)} req/s, p99 ${result.p99} ms, errors ${result.errors}; server peak RSS ${rss.toFixed(0)} MB`,
    `ratio: throughput ${(result.rps / floor.rps).toFixed(2)}× floor (goal ≥ 0.5), p99 ${result.p99} ms (goal ≤ 3)`,
  ].join('\n') + '\n',
);
