// Bundles the `warden` CLI (cli/main.ts, with the SDK, the server and the review tools) into
// cli/dist for the @wardenhq/cli package. Pure-JS dependencies are bundled, so installing the
// package pulls only the native SQLite driver, the PostgreSQL client and the logger.
// Code splitting keeps each command's code in its own chunk: the server's (fastify, Ajv,
// storage) loads only when `warden server`/`init`/`recover` import it, so `warden review` in
// CI starts fast.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI_DIST = 'cli/dist';

/** The package's runtime dependencies (cli/package.json), plus optional peers required only when present. */
export const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native', 'pg-cloudflare', 'pino', 'thread-stream', 'pino-pretty', 'fsevents'];

/**
 * Builds in memory, then replaces the output directory's files by renames, so that a
 * `warden` started meanwhile (tests run in parallel) never loads half a file.
 */
export async function buildCli(outdir = CLI_DIST): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'cli/main.ts', index: 'cli/index.ts' },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: EXTERNAL,
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
    banner: { js: "import { createRequire as __wardenCreateRequire } from 'node:module'; const require = __wardenCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    write: false,
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

/** Declarations for the programmatic entry (cli/index.ts), under cli/dist/types. */
export function buildCliTypes(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  rmSync(resolve(ROOT, CLI_DIST, 'types'), { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', 'cli/tsconfig.types.json'], { cwd: ROOT, stdio: 'inherit' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
  buildCliTypes();
}
