// Turns the provider's CommonJS bundle into a Node single executable application: the
// blob is made by the target's own Node version (here the x64 Linux binary of that version,
// which runs on this machine) and injected into a copy of the target's node binary with
// postject. The result needs no Node and nothing from the machine it was built on.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { target } from './node-dist.ts';

interface Postject {
  inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string; machoSegmentName?: string; overwrite?: boolean }): Promise<void>;
}

const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** The main script's name inside the executable (stack traces show it). */
const MAIN_NAME = 'terraform-provider-warden.cjs';

export interface SeaOptions {
  /** The CommonJS bundle to run as the main script. */
  bundle: string;
  /** Terraform platform of the output, e.g. darwin_arm64. */
  platform: string;
  /** That platform's node binary (see node-dist.ts). */
  targetNode: string;
  /** A node binary of the same version that runs here, to make the blob. */
  hostNode: string;
  /** Where to write the executable. */
  output: string;
  /**
   * V8 code cache in the blob: faster start-up, but only valid on the platform and flags
   * that made it, and not byte-for-byte reproducible; used for the host platform only.
   */
  useCodeCache?: boolean;
}

/**
 * Makes the blob with the given node; returns its bytes. The blob records the main script's
 * path as the config names it, so the bundle is copied into a scratch directory and named
 * relatively: no path of the build machine ends up in the executable.
 */
export function makeBlob(bundle: string, hostNode: string, useCodeCache: boolean): Buffer {
  const work = mkdtempSync(join(tmpdir(), 'warden-sea-'));
  try {
    copyFileSync(bundle, join(work, MAIN_NAME));
    writeFileSync(
      join(work, 'sea-config.json'),
      JSON.stringify({ main: MAIN_NAME, output: 'sea.blob', disableExperimentalSEAWarning: true, useCodeCache, useSnapshot: false }),
    );
    execFileSync(hostNode, ['--experimental-sea-config', 'sea-config.json'], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    return readFileSync(join(work, 'sea.blob'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function buildSea(options: SeaOptions): Promise<string> {
  const { format } = target(options.platform);
  const blob = makeBlob(options.bundle, options.hostNode, options.useCodeCache ?? false);
  // Written beside the output and renamed over it at the end: a provider that Terraform is
  // running from the previous build keeps its file, and a failed build leaves the old one.
  const partial = `${options.output}.partial-${process.pid}`;
  copyFileSync(options.targetNode, partial);
  chmodSync(partial, 0o755);
  // postject is CommonJS without types; its warnings about '.note.100' on Linux are harmless.
  const { inject } = createRequire(import.meta.url)('postject') as Postject;
  const { log, warn } = console;
  console.log = () => {};
  console.warn = () => {};
  try {
    await inject(partial, 'NODE_SEA_BLOB', blob, {
      sentinelFuse: SENTINEL_FUSE,
      ...(format === 'Mach-O' ? { machoSegmentName: 'NODE_SEA' } : {}),
      overwrite: true,
    });
    renameSync(partial, options.output);
  } finally {
    console.log = log;
    console.warn = warn;
    rmSync(partial, { force: true });
  }
  return options.output;
}
