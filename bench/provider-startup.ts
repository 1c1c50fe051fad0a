// Provider start-up to handshake, as a ratio to `node -e ''` measured in the same run:
// plaintext, and with AutoMTLS as Terraform always runs it (PLUGIN_CLIENT_CERT set, so the
// provider also makes its own certificate before the handshake).
// Usage: npx tsx bench/provider-startup.ts [runs=15]
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildProviderBundle, PROVIDER_BUNDLE } from '../provider/packaging/build.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../provider/protocol/handshake.ts';
import { createTlsMaterial } from '../provider/protocol/tls.ts';

const runs = Number(process.argv[2] ?? 15);
const root = resolve(import.meta.dirname, '..');
await buildProviderBundle(root);
const clientCert = (await createTlsMaterial()).certPem;

function time(args: string[], env: NodeJS.ProcessEnv, untilLine: boolean): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const launch = { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' };
const floor: number[] = [];
const plaintext: number[] = [];
const mtls: number[] = [];
for (let i = 0; i < runs; i++) {
  floor.push(await time(['-e', ''], {}, false));
  plaintext.push(await time([resolve(root, PROVIDER_BUNDLE)], launch, true));
  mtls.push(await time([resolve(root, PROVIDER_BUNDLE)], { ...launch, PLUGIN_CLIENT_CERT: clientCert }, true));
}
const row = (name: string, xs: number[]) => `${name}: ${median(xs).toFixed(1)} ms, ${(median(xs) / median(floor)).toFixed(2)}x floor\n`;
process.stdout.write(
  `provider start-up to handshake, median of ${runs}\nfloor (node -e ''): ${median(floor).toFixed(1)} ms\n` + row('plaintext', plaintext) + row('AutoMTLS (as under terraform)', mtls),
);
