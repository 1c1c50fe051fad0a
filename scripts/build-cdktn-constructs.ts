// `npm run build:cdktn-constructs`: @wardenhq/cdktn-constructs from the SAME construct sources
// as @wardenhq/cdktf-constructs — no fork. The sources are copied into
// cdktn-constructs/build-src (gitignored) with three changes, then compiled by tsc to
// cdktn-constructs/dist (ESM, .d.ts, source maps):
//   - `'cdktf'` imports become `'cdktn'` (same API, new package name);
//   - relative imports of the bindings land on cdktn-constructs/generated (made by
//     @cdktn/provider-generator: ephemeral resources and write-only attributes included);
//   - the modules in cdktn-constructs/overrides replace their cdktf variants of the same
//     name (ephemeral-support.ts: what cdktf 0.21 cannot express).
// Any other relative import that leaves cdktf-constructs/src (a shared file of the repo) is
// copied along, keeping its path, so the copy compiles on its own.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ensureCdktnToolchain, withCdktnLock } from './cdktn-toolchain.ts';

const root = resolve(import.meta.dirname, '..');
const cdktfPackage = resolve(root, 'cdktf-constructs');
const cdktnPackage = resolve(root, 'cdktn-constructs');
const buildSrc = join(cdktnPackage, 'build-src');

/**
 * `'cdktf'` → `'cdktn'` in import/export specifiers (also `cdktf/lib/...` and `import('cdktf')`),
 * and `cdktf <command>` → `cdktn <command>` in doc comments and messages, so the package's
 * .d.ts tell cdktn users the commands they run.
 */
export function retargetCdktfImports(source: string): string {
  return source
    .replace(/((?:from|import)\s*\(?\s*['"])cdktf((?:\/[^'"]*)?['"])/g, '$1cdktn$2')
    .replace(/\bcdktf (synth|deploy|diff|destroy|output|get)\b/g, 'cdktn $1');
}

const RELATIVE_IMPORT = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)(['"])/g;

/**
 * Copies `file` (absolute, inside cdktf-constructs or elsewhere in the repo) to its place in
 * build-src, following relative imports. Places:
 *   cdktf-constructs/generated/** → cdktn bindings (build-src/generated, copied once)
 *   cdktf-constructs/<path>       → build-src/<path>        (sources, the schema JSON)
 *   <repo>/<path>                 → build-src/vendor/<path> (shared files, pre-workspace)
 */
function placeOf(file: string): string {
  const inPackage = relative(cdktfPackage, file);
  return inPackage.startsWith('..') ? join(buildSrc, 'vendor', relative(root, file)) : join(buildSrc, inPackage);
}

function copyWithImports(file: string, done: Set<string>): void {
  if (done.has(file) || !relative(join(cdktfPackage, 'generated'), file).startsWith('..')) {
    return; // the bindings are cdktn's own, copied whole
  }
  done.add(file);
  const target = placeOf(file);
  mkdirSync(dirname(target), { recursive: true });
  if (!file.endsWith('.ts')) {
    cpSync(file, target);
    return;
  }
  // An override is written as if it sat in cdktf-constructs/src: same relative imports.
  const override = join(cdktnPackage, 'overrides', relative(join(cdktfPackage, 'src'), file));
  const text = readFileSync(dirname(file) === join(cdktfPackage, 'src') && existsSync(override) ? override : file, 'utf8');
  const rewritten = text.replace(RELATIVE_IMPORT, (_m, head: string, spec: string, tail: string) => {
    const imported = resolve(dirname(file), spec);
    copyWithImports(imported, done);
    let fixed = relative(dirname(target), placeOf(imported));
    fixed = fixed.startsWith('.') ? fixed : `./${fixed}`;
    return head + fixed + tail;
  });
  writeFileSync(target, retargetCdktfImports(rewritten));
}

/** Copies and rewrites the sources into build-src; returns the files written. */
export function prepareBuildSources(): string[] {
  rmSync(buildSrc, { recursive: true, force: true });
  mkdirSync(buildSrc, { recursive: true });
  cpSync(join(cdktnPackage, 'generated'), join(buildSrc, 'generated'), { recursive: true });
  const done = new Set<string>();
  for (const entry of readdirSync(join(cdktfPackage, 'src')).sort()) {
    if (entry.endsWith('.ts') && !entry.endsWith('.spec.ts')) {
      copyWithImports(join(cdktfPackage, 'src', entry), done);
    }
  }
  return [...done];
}

/** Hash of everything the build reads, stored in dist so tests rebuild only when stale. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        hash.update(relative(root, path)).update(readFileSync(path));
      }
    }
  };
  for (const dir of [join(cdktfPackage, 'src'), join(cdktnPackage, 'overrides'), join(cdktnPackage, 'generated'), join(root, 'sdk')]) {
    if (existsSync(dir)) {
      walk(dir);
    }
  }
  hash.update(readFileSync(join(cdktnPackage, 'tsconfig.build.json'))).update(readFileSync(import.meta.filename));
  return hash.digest('hex');
}

/** Builds cdktn-constructs/dist; with `onlyIfStale`, skips when the inputs did not change. */
export function buildCdktnConstructs(options: { onlyIfStale?: boolean } = {}): void {
  ensureCdktnToolchain(); // links cdktn-constructs/node_modules/{cdktn,constructs} for tsc
  withCdktnLock(() => {
    const stamp = join(buildSrc, '.inputs-sha256'); // not in dist: that is what npm ships
    const hash = inputsHash();
    if (options.onlyIfStale && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
      return;
    }
    prepareBuildSources();
    rmSync(join(cdktnPackage, 'dist'), { recursive: true, force: true });
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(cdktnPackage, 'tsconfig.build.json')], { stdio: 'inherit' });
    writeFileSync(stamp, hash);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildCdktnConstructs();
  console.log(`@wardenhq/cdktn-constructs built into ${relative(root, join(cdktnPackage, 'dist'))}`);
}
