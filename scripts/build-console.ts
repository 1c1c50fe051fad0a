// Builds the web console (console/, Preact + TypeScript) with Vite into console/dist, which
// `warden server` serves at /console from source, and copies it into cli/dist/console for
// the @wardenhq/cli package. Vite does not type-check, so tsc checks console/ first.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSOLE_DIST = resolve(ROOT, 'console/dist');

/** Type-checks, then builds into a fresh folder swapped in for console/dist (a server starting meanwhile never reads half a build). */
export async function buildConsole(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'console/tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  const fresh = `${CONSOLE_DIST}.build-${process.pid}`;
  const old = `${CONSOLE_DIST}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  await build({ configFile: resolve(ROOT, 'console/vite.config.ts'), build: { outDir: fresh, emptyOutDir: true } });
  if (existsSync(CONSOLE_DIST)) {
    renameSync(CONSOLE_DIST, old);
  }
  renameSync(fresh, CONSOLE_DIST);
  rmSync(old, { recursive: true, force: true });
}

/** Puts the console build beside the bundled CLI (cli/dist/console), where server/console-assets.ts finds it. */
export function copyConsoleInto(cliDist: string): void {
  if (!existsSync(resolve(CONSOLE_DIST, 'index.html'))) {
    throw new Error('console/dist is missing: build the console first (npm run build console)');
  }
  const target = resolve(ROOT, cliDist, 'console');
  const fresh = `${target}.copy-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  cpSync(CONSOLE_DIST, fresh, { recursive: true });
  if (existsSync(target)) {
    renameSync(target, old);
  }
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}
