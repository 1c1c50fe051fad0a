// `npm run build [sdk|constructs|console|cli|provider …]`: builds the workspace packages in the
// order their dependencies need (SDK → constructs, SDK → console → CLI, which carries the
// console's build), then the provider as a single executable laid out in the repository's own
// filesystem mirror (dist/terraform, CLI config dist/terraform/terraform.rc), which the tests,
// the examples and `npm start` install from.
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProviderExecutable } from '../provider/packaging/executable.ts';
import { writeMirror } from '../provider/packaging/mirror.ts';
import { buildCli, buildCliTypes, CLI_DIST } from './build-cli.ts';
import { buildConsole, CONSOLE_DIST, copyConsoleInto } from './build-console.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGETS = ['sdk', 'constructs', 'console', 'cli', 'provider'] as const;
type Target = (typeof TARGETS)[number];

/**
 * Compiles a package into a fresh directory, then swaps it in for <package>/dist, so that
 * tests running meanwhile (the release test rebuilds) never see a half-written dist.
 */
function tsc(packageDir: string): void {
  const bin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const dist = resolve(ROOT, packageDir, 'dist');
  const fresh = `${dist}.build-${process.pid}`;
  const old = `${dist}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  execFileSync(process.execPath, [bin, '-p', `${packageDir}/tsconfig.build.json`, '--outDir', fresh], { cwd: ROOT, stdio: 'inherit' });
  if (existsSync(dist)) {
    renameSync(dist, old);
  }
  renameSync(fresh, dist);
  rmSync(old, { recursive: true, force: true });
}

const steps: Record<Target, () => Promise<string>> = {
  async sdk() {
    tsc('sdk');
    return 'sdk/dist (@wardenhq/sdk)';
  },
  async constructs() {
    tsc('cdktf-constructs');
    return 'cdktf-constructs/dist (@wardenhq/cdktf-constructs)';
  },
  async console() {
    await buildConsole();
    return 'console/dist (the web console, served at /console)';
  },
  async cli() {
    await buildCli();
    buildCliTypes();
    if (!existsSync(resolve(CONSOLE_DIST, 'index.html'))) {
      await buildConsole();
    }
    copyConsoleInto(CLI_DIST);
    return 'cli/dist (@wardenhq/cli, bin warden, console in cli/dist/console)';
  },
  async provider() {
    const executable = await buildProviderExecutable({ root: ROOT });
    const mirror = writeMirror({ directory: resolve(ROOT, 'dist/terraform'), executable });
    return `${executable}\n  filesystem mirror ${mirror.mirrorPath}, CLI config ${mirror.cliConfigFile}`;
  },
};

export async function buildAll(targets: readonly Target[] = TARGETS): Promise<void> {
  for (const target of targets) {
    const started = Date.now();
    process.stderr.write(`build ${target} …\n`);
    const built = await steps[target]();
    process.stderr.write(`build ${target}: ${built} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(TARGETS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown build target ${unknown.join(', ')}; choose from ${TARGETS.join(', ')}\n`);
    process.exit(2);
  }
  await buildAll(requested.length > 0 ? (requested as Target[]) : TARGETS);
}
