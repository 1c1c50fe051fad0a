// The CDK Terrain toolchain (cdktn, cdktn-cli, @cdktn/provider-generator, constructs) lives in
// cdktn-constructs/toolchain with its own package.json and lockfile, installed with `npm ci`
// under Node 22: cdktn needs Node >= 22.19 and constructs >= 10.6 < 10.8, while the root
// install keeps cdktf 0.21 on Node 20 with its own constructs. Nothing of it is hoisted into
// the root node_modules, so the two never share (or fight over) a `constructs`.
//
// `ensureCdktnToolchain()` installs it when the lockfile changed and links the runtime
// packages so that exactly one copy of `cdktn` and of `constructs` is loaded by an app:
//   cdktn-constructs/node_modules/{cdktn,constructs}       (what the built package imports)
//   examples/cdktn-quickstart/node_modules/{cdktn,constructs,@wardenhq/cdktn-constructs}
// Node resolves modules by real path, so the links make the app and the package share them.
// Where a workspace install already has a `cdktn` (beside the package or hoisted to the root,
// with a constructs in cdktn's range), that copy is used instead.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { cdktnNode } from './node22.ts';

const root = resolve(import.meta.dirname, '..');
export const CDKTN_PACKAGE_DIR = resolve(root, 'cdktn-constructs');
export const TOOLCHAIN_DIR = resolve(CDKTN_PACKAGE_DIR, 'toolchain');
export const CDKTN_EXAMPLE_DIR = resolve(root, 'examples/cdktn-quickstart');

export interface CdktnToolchain {
  /** Node >= 22.19. */
  node: string;
  /** The `cdktn` CLI's entry script (run it with `node`). */
  cli: string;
  /** node_modules of the toolchain (for the generator). */
  modules: string;
  /** Environment for cdktn commands: Node 22 first on PATH, no telemetry or update checks. */
  env: NodeJS.ProcessEnv;
}

function lockHash(): string {
  return createHash('sha256')
    .update(readFileSync(join(TOOLCHAIN_DIR, 'package-lock.json')))
    .digest('hex');
}

/** PATH with Node 22 first, so `node` in cdktf.json's app and npm's shebangs run it. */
export function node22Env(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const node = cdktnNode();
  return { ...base, PATH: `${dirname(node)}:${base.PATH ?? ''}`, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' };
}

function install(): void {
  const stamp = join(TOOLCHAIN_DIR, 'node_modules/.warden-lock-sha256');
  const hash = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    return;
  }
  // The npm that runs the root install, with Node 22 first on PATH: engines checks pass and
  // lifecycle scripts run on the Node that will use the packages.
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLCHAIN_DIR, env: node22Env(), stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(stamp, hash);
}

/** Replaces `link` with a symlink to `target` unless it is a real directory (a workspace install). */
function link(linkPath: string, target: string): void {
  mkdirSync(dirname(linkPath), { recursive: true });
  const stat = lstatSync(linkPath, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) {
    if (realpathSync(linkPath) !== realpathSync(target)) {
      throw new Error(
        `${relative(root, linkPath)} is a separate install of ${target.split('node_modules/').pop()}; remove it so that the app and @wardenhq/cdktn-constructs share one copy`,
      );
    }
    return;
  }
  const wanted = relative(dirname(linkPath), target);
  if (stat && readlinkSync(linkPath) === wanted) {
    return; // unchanged: never leave a gap while another test process loads through it
  }
  rmSync(linkPath, { force: true });
  symlinkSync(wanted, linkPath, 'dir');
}

/** The package directory of `name` as Node resolves it from `fromDir`, or undefined. */
function resolvePackage(name: string, fromDir: string): string | undefined {
  try {
    return realpathSync(dirname(createRequire(join(fromDir, 'noop.js')).resolve(`${name}/package.json`)));
  } catch {
    return undefined;
  }
}

/** cdktn's peer range for constructs: >= 10.6 < 10.8. */
function constructsFitsCdktn(dir: string): boolean {
  const [major, minor] = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    .version.split('.')
    .map(Number);
  return major === 10 && minor >= 6 && minor < 8;
}

/**
 * The single `cdktn` and `constructs` the package and the example load: a workspace install's
 * (beside the package, or hoisted to the root with a constructs in cdktn's range) when there
 * is one, so an app of the workspace and the package share it; else the toolchain's.
 */
function linkRuntime(modules: string): { cdktn: string; constructs: string } {
  const packageModules = join(CDKTN_PACKAGE_DIR, 'node_modules');
  const candidates = [join(packageModules, 'cdktn'), join(root, 'node_modules/cdktn')].filter((dir) => {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    return stat !== undefined && !stat.isSymbolicLink(); // our own links are not a workspace install
  });
  let cdktn = realpathSync(join(modules, 'cdktn'));
  for (const candidate of candidates) {
    const constructs = resolvePackage('constructs', realpathSync(candidate));
    if (constructs && constructsFitsCdktn(constructs)) {
      cdktn = realpathSync(candidate);
      break;
    }
  }
  const constructs = resolvePackage('constructs', cdktn);
  if (!constructs) {
    throw new Error(`constructs is not resolvable from ${cdktn}`);
  }
  link(join(packageModules, 'cdktn'), cdktn);
  link(join(packageModules, 'constructs'), constructs);
  const exampleModules = join(CDKTN_EXAMPLE_DIR, 'node_modules');
  link(join(exampleModules, 'cdktn'), cdktn);
  link(join(exampleModules, 'constructs'), constructs);
  link(join(exampleModules, '@wardenhq/cdktn-constructs'), CDKTN_PACKAGE_DIR);
  return { cdktn, constructs };
}

/**
 * Runs `fn` holding a lock shared by every process of this checkout (test files run in
 * parallel and may all want to install or build first). A lock left by a dead process is
 * taken over after ten minutes.
 */
export function withCdktnLock<T>(fn: () => T): T {
  const lock = resolve(root, '.cache/cdktn.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const age = Date.now() - (lstatSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) {
        rmSync(lock, { recursive: true, force: true });
      } else {
        Atomics.wait(sleeper, 0, 0, 250);
      }
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs (when needed) and links the toolchain; returns how to run it. */
export function ensureCdktnToolchain(): CdktnToolchain {
  const node = cdktnNode();
  const modules = join(TOOLCHAIN_DIR, 'node_modules');
  withCdktnLock(() => {
    install();
    linkRuntime(modules);
  });
  return { node, cli: join(modules, 'cdktn-cli/bin/cdktn'), modules, env: node22Env() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const toolchain = ensureCdktnToolchain();
  console.log(`cdktn toolchain ready: node ${toolchain.node}, cli ${toolchain.cli}`);
}
