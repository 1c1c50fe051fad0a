// One filesystem mirror and CLI config for the benchmarks: the Warden provider as it ships
// (the single executable `npm run build` made) and the do-nothing provider bundle
// (bench/do-nothing-provider.ts) as a node shim.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildProvider } from '../provider/packaging/build.ts';
import { installInMirror, writeCliConfig, type TerraformEnv } from '../provider/packaging/mirror.ts';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';
import { builtProviderExecutable } from '../scripts/provider-mirror.ts';

const root = resolve(import.meta.dirname, '..');
export const WARDEN = { namespace: 'wardenhq', type: 'warden', version: WARDEN_VERSION };
export const NOTHING = { namespace: 'bench', type: 'nothing', version: '0.0.1' };

export async function benchMirrors(): Promise<TerraformEnv> {
  const directory = mkdtempSync(join(tmpdir(), 'warden-bench-mirror-'));
  const nothingBundle = await buildProvider({ cwd: root, entry: 'bench/do-nothing-provider.ts', outDir: 'dist/bench-nothing', bundleName: 'nothing.mjs' });
  // The floor parses .proto text at start, as grpc-js providers usually do; the files sit beside its bundle.
  for (const proto of ['tfplugin6.proto', 'go-plugin.proto', 'health.proto']) {
    copyFileSync(join(root, 'provider/protocol', proto), join(dirname(nothingBundle), proto));
  }
  const mirror = join(directory, 'mirror');
  installInMirror({ ...WARDEN, mirror, executable: builtProviderExecutable() });
  installInMirror({ ...NOTHING, mirror, bundle: nothingBundle });
  return writeCliConfig({ file: join(directory, 'terraform.rc'), mirror, providers: [WARDEN, NOTHING] });
}
