// Provider start-up to handshake, as a ratio to `node -e ''` measured in the same run.
// Usage: npx tsx bench/provider-startup.ts [runs=15]
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildProviderBundle, PROVIDER_BUNDLE } from '../provider/packaging/build.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../provider/protocol/handshake.ts';

const runs = Number(process.argv[2] ?? 15);
const root = resolve(import.meta.dirname, '..');
await buildProviderBundle(root);

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
const floor: number[] = [];
const provider: number[] = [];
for (let i = 0; i < runs; i++) {
  floor.push(await time(['-e', ''], {}, false));
  provider.push(await time([resolve(root, PROVIDER_BUNDLE)], { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6' }, true));
}
process.stdout.write(
  `provider start-up to handshake (plaintext), median of ${runs}: ${median(provider).toFixed(1)} ms\n` +
    `floor (node -e ''): ${median(floor).toFixed(1)} ms\nratio: ${(median(provider) / median(floor)).toFixed(2)}x floor\n`,
);
