// One filesystem mirror and CLI config for the benchmarks: the Warden provider bundle and
// the do-nothing provider bundle (bench/do-nothing-provider.ts), both as node shims.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildProvider, buildProviderBundle } from '../provider/packaging/build.ts';
import { installInMirror, writeCliConfig, type TerraformEnv } from '../provider/packaging/mirror.ts';

const root = resolve(import.meta.dirname, '..');
export const WARDEN = { namespace: 'wardenhq', type: 'warden', version: '0.1.0' };
export const NOTHING = { namespace: 'bench', type: 'nothing', version: '0.0.1' };

export async function benchMirrors(): Promise<TerraformEnv> {
  const directory = mkdtempSync(join(tmpdir(), 'warden-bench-mirror-'));
  const wardenBundle = await buildProviderBundle(root);
  const nothingBundle = await buildProvider({ cwd: root, entry: 'bench/do-nothing-provider.ts', outDir: 'dist/bench-nothing', bundleName: 'nothing.mjs' });
  const mirror = join(directory, 'mirror');
  installInMirror({ ...WARDEN, mirror, bundle: wardenBundle });
  installInMirror({ ...NOTHING, mirror, bundle: nothingBundle });
  return writeCliConfig({ file: join(directory, 'terraform.rc'), mirror, providers: [WARDEN, NOTHING] });
}
