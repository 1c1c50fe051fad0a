// terraform-provider-warden as a single executable for one platform: the provider bundled to
// one CommonJS file, then turned into a Node SEA (sea.ts) with that platform's Node binary.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WARDEN_VERSION } from '../../sdk/generated/version.ts';
import { buildProvider } from './build.ts';
import { hostPlatform } from './mirror.ts';
import { nodeBinaryFor } from './node-dist.ts';
import { buildSea } from './sea.ts';

export const PROVIDER_DIST = 'dist/provider';
export const NODE_CACHE = '.cache/node-dist';

/** Where the registry's node packages are kept (WARDEN_NODE_CACHE lets clones share one). */
export const nodeCache = (root: string) => resolve(process.env.WARDEN_NODE_CACHE ?? resolve(root, NODE_CACHE));

/** File name Terraform expects inside a release zip and a mirror. */
export function executableName(platform: string, version = WARDEN_VERSION): string {
  return `terraform-provider-warden_v${version}${platform.startsWith('windows_') ? '.exe' : ''}`;
}

/** Bundles provider/main.ts to <root>/dist/provider/provider.cjs; returns its path. */
export function buildProviderBundle(root: string): Promise<string> {
  return buildProvider({ cwd: root, entry: 'provider/main.ts', outDir: PROVIDER_DIST, format: 'cjs' });
}

export interface ExecutableOptions {
  root: string;
  platform?: string;
  /** Directory for the executable (default <root>/dist/provider/<platform>). */
  outDir?: string;
  /** Default: only for the platform this machine runs, where the cache is valid. */
  useCodeCache?: boolean;
  /** An already built bundle (the release builds it once for all platforms). */
  bundle?: string;
}

export async function buildProviderExecutable(options: ExecutableOptions): Promise<string> {
  const platform = options.platform ?? hostPlatform();
  const bundle = options.bundle ?? (await buildProviderBundle(options.root));
  const cache = nodeCache(options.root);
  const outDir = resolve(options.root, options.outDir ?? join(PROVIDER_DIST, platform));
  mkdirSync(outDir, { recursive: true });
  return buildSea({
    bundle,
    platform,
    targetNode: nodeBinaryFor(platform, cache),
    hostNode: nodeBinaryFor(hostPlatform(), cache),
    output: join(outDir, executableName(platform)),
    useCodeCache: options.useCodeCache ?? platform === hostPlatform(),
  });
}
