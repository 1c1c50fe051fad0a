// Does a failed authentication take the same time whether the key's public prefix exists
// or not? Times two kinds of well-formed but wrong keys, interleaved: an unknown prefix,
// and a known prefix with a wrong secret. Measured in process (authenticate() alone) and
// over HTTP (GET /v1/whoami on loopback). Prints mean, median and Welch's t for the two
// paths, next to the floor: the same t between two halves of one path, which is what
// noise alone gives. As a check that the bench can see a leak, it also times the former
// lookup (candidates by public prefix, compare only when one exists). Nothing is asserted.
// Usage: npm run bench:auth-timing -- [inProcessSamples=20000] [httpSamples=3000]
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { crc32, generateToken, isWellFormedToken, PUBLIC_PREFIX_LENGTH, publicPrefix, TOKEN_PREFIX } from '../sdk/token.ts';
import { authenticate } from '../server/auth.ts';
import { SystemClock } from '../server/clock.ts';
import { initOrganization } from '../server/init.ts';
import { startServer } from '../server/start.ts';
import { openStorage } from '../server/storage/open.ts';

const inProcessSamples = Number(process.argv[2] ?? 20_000);
const httpSamples = Number(process.argv[3] ?? 3_000);

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) {
    out = ALPHABET[rest % 62] + out;
  }
  return out.padStart(width, '0');
}

/** A well-formed token (valid checksum) that starts with `prefix` and is otherwise random. */
function tokenWithPrefix(prefix: string): string {
  let body = prefix.slice(TOKEN_PREFIX.length);
  while (body.length < 43) {
    body += ALPHABET[randomInt(62)];
  }
  return TOKEN_PREFIX + body + base62(crc32(body), 6);
}

interface Stats {
  mean: number;
  median: number;
  variance: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (samples.length - 1);
  return { mean, median: sorted[Math.floor(sorted.length / 2)]!, variance, n: samples.length };
}

function welchT(a: Stats, b: Stats): number {
  return (a.mean - b.mean) / Math.sqrt(a.variance / a.n + b.variance / b.n);
}

/** Drops the slowest 1% (GC pauses, scheduler) from both sides alike. */
function trimmed(samples: number[]): number[] {
  const cutoff = [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.99)]!;
  return samples.filter((x) => x <= cutoff);
}

function report(title: string, unknown: number[], knownPrefix: number[]): string {
  const u = stats(trimmed(unknown));
  const k = stats(trimmed(knownPrefix));
  const half = (xs: number[], odd: number) => xs.filter((_, i) => i % 2 === odd);
  const floor = welchT(stats(trimmed(half(unknown, 0))), stats(trimmed(half(unknown, 1))));
  const us = (x: number) => `${(x / 1000).toFixed(2)} µs`;
  return [
    `${title}`,
    `  unknown prefix:            mean ${us(u.mean)}, median ${us(u.median)} (n=${u.n})`,
    `  known prefix, bad secret:  mean ${us(k.mean)}, median ${us(k.median)} (n=${k.n})`,
    `  difference of means: ${us(k.mean - u.mean)}; ratio ${(k.mean / u.mean).toFixed(3)}`,
    `  Welch t (known vs unknown): ${welchT(k, u).toFixed(2)}; floor t (unknown vs unknown, two halves): ${floor.toFixed(2)}`,
  ].join('\n');
}

const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-auth-'));
try {
  const init = await initOrganization({ dataDir, org: 'bench' });
  const knownPrefix = init.token!.slice(0, PUBLIC_PREFIX_LENGTH);

  // In process: authenticate() against the same SQLite storage the server uses.
  const storage = await openStorage({ dataDir });
  const clock = new SystemClock();
  const time = async (token: string) => {
    const started = process.hrtime.bigint();
    await authenticate(storage, clock, `Bearer ${token}`).catch(() => undefined);
    return Number(process.hrtime.bigint() - started);
  };
  for (let i = 0; i < 2_000; i++) {
    await time(generateToken());
    await time(tokenWithPrefix(knownPrefix));
  }
  // The lookup authenticate() used before: the work done depends on whether the prefix exists.
  const former = async (token: string) => {
    const started = process.hrtime.bigint();
    if (isWellFormedToken(token)) {
      const hash = createHash('sha256').update(token).digest();
      (await storage.keys.byPrefix(publicPrefix(token))).find((candidate) => timingSafeEqual(Buffer.from(candidate.hash, 'hex'), hash));
    }
    return Number(process.hrtime.bigint() - started);
  };
  /** Interleaved, order alternating, so that drift and warm-up hit both paths alike. */
  const sample = async (n: number, measure: (token: string) => Promise<number>) => {
    const out = { unknown: [] as number[], known: [] as number[] };
    for (let i = 0; i < n; i++) {
      const [a, b] = i % 2 === 0 ? [generateToken(), tokenWithPrefix(knownPrefix)] : [tokenWithPrefix(knownPrefix), generateToken()];
      const ta = await measure(a);
      const tb = await measure(b);
      (i % 2 === 0 ? out.unknown : out.known).push(ta);
      (i % 2 === 0 ? out.known : out.unknown).push(tb);
    }
    return out;
  };
  const local = await sample(inProcessSamples, time);
  const formerLocal = await sample(inProcessSamples, former);
  await storage.close();

  // Over HTTP: one kept-alive connection, so connection setup is not measured.
  const server = await startServer({ dataDir, port: 0, logLevel: 'silent' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(server.url);
  const get = (token: string) =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request({ host: url.hostname, port: url.port, path: '/v1/whoami', agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(Number(process.hrtime.bigint() - started)));
      });
      req.on('error', reject);
      req.end();
    });
  for (let i = 0; i < 300; i++) {
    await get(generateToken());
    await get(tokenWithPrefix(knownPrefix));
  }
  const remote = await sample(httpSamples, get);
  agent.destroy();
  await server.close();

  process.stdout.write(
    [
      'auth timing benchmark: failed authentication, unknown prefix vs known prefix with a wrong secret (SQLite, loopback)',
      report('authenticate() in process', local.unknown, local.known),
      report('reference: the former prefix lookup, in process (shows what a leak looks like)', formerLocal.unknown, formerLocal.known),
      report('GET /v1/whoami over HTTP', remote.unknown, remote.known),
      '|t| well above the floor would mean the paths are distinguishable.',
    ].join('\n') + '\n',
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
