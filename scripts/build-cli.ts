// Bundles the CLI (cli/main.ts, with the SDK, the server and the review tools) into one
// file, dist/warden.mjs, which bin/warden.js runs. Pure-JS dependencies are bundled so
// start-up does not walk node_modules; native and optional modules stay external and
// are loaded from node_modules at run time. The server reads openapi/warden.yaml at run
// time relative to its module (../openapi from dist/ as from server/), so the bundle
// must stay in dist/ of the repository or package.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Native addons, and optional peers that the bundled code only requires when present. */
export const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'pg-native',
  'pg-cloudflare',
  'cpu-features',
  'ssh2',
  'bufferutil',
  'utf-8-validate',
  'fsevents',
  // pino starts transports in worker threads from files it resolves on disk.
  'pino',
  'thread-stream',
  'pino-pretty',
];

/**
 * Builds in memory, then replaces each output with a rename, so that a `warden` started
 * meanwhile (tests run in parallel) loads the old bundle or the new one, never half a file.
 */
export async function buildCli(outfile = 'dist/warden.mjs'): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['cli/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: EXTERNAL,
    // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
    banner: { js: "import { createRequire as __wardenCreateRequire } from 'node:module'; const require = __wardenCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(dirname(resolve(ROOT, outfile)), { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
