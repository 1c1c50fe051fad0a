// Helpers for the CDK Terrain tests: the package built (only when its inputs changed), the
// cdktn CLI run on Node 22 from the registry as a child process (the tests themselves stay on
// the project's Node), and the scan for full `wdn_` tokens in files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildCdktnConstructs } from '../../scripts/build-cdktn-constructs.ts';
import { ensureCdktnToolchain, node22Env, type CdktnToolchain } from '../../scripts/cdktn-toolchain.ts';
import { runProcess, type ProcessResult } from '../helpers/process.ts';

/** Installs the toolchain and builds @wardenhq/cdktn-constructs when stale. */
export function prepareCdktn(): CdktnToolchain {
  buildCdktnConstructs({ onlyIfStale: true });
  return ensureCdktnToolchain();
}

/** Runs `cdktn <args>` in `cwd` on Node 22 (which also runs the app: `node` in cdktf.json). */
export function cdktn(toolchain: CdktnToolchain, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessResult> {
  return runProcess(toolchain.node, [toolchain.cli, ...args], {
    cwd: options.cwd,
    env: { ...node22Env(options.env), CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

/** A complete Warden token (the public `wdn_XXXXXXXX` prefix alone does not match). */
export const FULL_TOKEN = /wdn_[0-9A-Za-z]{49}/;

/** Files under `dir` (recursively, following no links) whose content holds a full token. */
export function filesWithTokens(dir: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      hits.push(...filesWithTokens(path));
    } else if (entry.isFile() && statSync(path).size < 50_000_000 && FULL_TOKEN.test(readFileSync(path, 'latin1'))) {
      hits.push(path);
    }
  }
  return hits;
}
