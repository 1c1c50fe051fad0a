// Provider start-up to handshake, as ratios to `node -e ''` measured in the same run:
// the single executable that `npm run build` installs in the mirror (Node 22 with a V8 code
// cache), the same without a code cache (as released), and the CommonJS bundle run by this
// machine's node; and the executable with AutoMTLS, as Terraform always runs it
// (PLUGIN_CLIENT_CERT set, so it makes its own certificate before the handshake).
// Floors: `node -e ''` for this node and for the executable's own Node.
// Work moved after the handshake still counts for Terraform, so the time to the answer of
// its first call (GetProviderSchema, over gRPC on the announced socket) is printed too.
// Usage: npx tsx bench/provider-startup.ts [runs=15]
import { makeGenericClientConstructor, credentials } from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildProviderBundle, buildProviderExecutable, nodeCache } from '../provider/packaging/executable.ts';
import { hostPlatform } from '../provider/packaging/mirror.ts';
import { nodeBinaryFor, SEA_NODE_VERSION } from '../provider/packaging/node-dist.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../provider/protocol/handshake.ts';
import { loadServices } from '../provider/protocol/protos.ts';
import { createTlsMaterial } from '../provider/protocol/tls.ts';
import { builtProviderExecutable } from '../scripts/provider-mirror.ts';

const runs = Number(process.argv[2] ?? 15);
const root = resolve(import.meta.dirname, '..');
const bundle = await buildProviderBundle(root);
const withCache = builtProviderExecutable();
const withoutCache = await buildProviderExecutable({ root, bundle, outDir: mkdtempSync(join(tmpdir(), 'warden-bench-sea-')), useCodeCache: false });
const seaNode = nodeBinaryFor(hostPlatform(), nodeCache(root));
const clientCert = (await createTlsMaterial()).certPem;

const HANDSHAKE_ENV = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' };

/** Milliseconds from spawn to the first stdout line (the handshake), or to exit. */
function time(command: string, args: string[], env: NodeJS.ProcessEnv, untilLine: boolean): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'ignore'], cwd: tmpdir() });
    const finish = () => done(Number(process.hrtime.bigint() - started) / 1e6);
    if (untilLine) {
      child.stdout.once('data', () => {
        finish();
        child.kill();
      });
    } else {
      child.on('exit', finish);
    }
    child.on('error', fail);
  });
}

const ProviderClient = makeGenericClientConstructor(loadServices().provider, 'Provider');

/** Milliseconds from spawn to the answer of GetProviderSchema on the socket the handshake names. */
function timeToSchema(command: string): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, [], { env: { PATH: process.env.PATH, ...HANDSHAKE_ENV }, stdio: ['ignore', 'pipe', 'ignore'], cwd: tmpdir() });
    child.on('error', fail);
    child.stdout.once('data', (line: Buffer) => {
      const socket = String(line).split('|')[3];
      const client = new ProviderClient(`unix://${socket}`, credentials.createInsecure()) as unknown as {
        GetProviderSchema(request: object, callback: (error: Error | null) => void): void;
        close(): void;
      };
      client.GetProviderSchema({}, (error) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        client.close();
        child.kill();
        return error ? fail(error) : done(ms);
      });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cases = {
  [`node -e '' (this node, ${process.version})`]: () => time(process.execPath, ['-e', ''], {}, false),
  [`node -e '' (the executable's Node, v${SEA_NODE_VERSION})`]: () => time(seaNode, ['-e', ''], {}, false),
  'single executable, code cache (npm run build, mirror)': () => time(withCache, [], HANDSHAKE_ENV, true),
  'single executable, no code cache (as released)': () => time(withoutCache, [], HANDSHAKE_ENV, true),
  'single executable, code cache, AutoMTLS': () => time(withCache, [], { ...HANDSHAKE_ENV, PLUGIN_CLIENT_CERT: clientCert }, true),
  'node provider.cjs (this node)': () => time(process.execPath, [bundle], HANDSHAKE_ENV, true),
  'single executable, code cache: to the GetProviderSchema answer': () => timeToSchema(withCache),
  'single executable, no code cache: to the GetProviderSchema answer': () => timeToSchema(withoutCache),
};
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, [] as number[]]));
for (let i = 0; i < runs; i++) {
  for (const [name, run] of Object.entries(cases)) {
    samples[name]!.push(await run());
  }
}
const floor = median(samples[Object.keys(cases)[0]!]!);
process.stdout.write(`provider start-up to handshake (plaintext), median of ${runs} runs, ratio to node -e '' of this node\n`);
for (const [name, xs] of Object.entries(samples)) {
  process.stdout.write(`${median(xs).toFixed(1).padStart(8)} ms  ${(median(xs) / floor).toFixed(2)}x  ${name}\n`);
}
