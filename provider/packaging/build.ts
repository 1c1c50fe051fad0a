// Bundles the provider into one ESM file (plus its .proto files) for fast start-up:
// Terraform starts the provider several times per command.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const PROVIDER_BUNDLE_DIR = 'dist/provider';
export const PROVIDER_BUNDLE = join(PROVIDER_BUNDLE_DIR, 'provider.mjs');

export async function buildProviderBundle(root: string): Promise<string> {
  const outDir = join(root, PROVIDER_BUNDLE_DIR);
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['provider/main.ts'],
    outfile: join(root, PROVIDER_BUNDLE),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    // Some bundled CommonJS dependencies call require() for Node built-ins.
    banner: { js: "import { createRequire as __wardenRequire } from 'node:module'; const require = __wardenRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  for (const proto of ['tfplugin6.proto', 'go-plugin.proto', 'health.proto']) {
    copyFileSync(join(root, 'provider/protocol', proto), join(outDir, proto));
  }
  return join(root, PROVIDER_BUNDLE);
}
