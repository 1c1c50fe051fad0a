// Bundles a provider entry file with esbuild into one self-contained ESM file (the protocol
// descriptor is inlined; nothing is read from disk at start). One file loads fast, and
// Terraform starts the provider several times per command.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface BuildOptions {
  /** The provider's entry module, e.g. provider/main.ts; it calls serve(). */
  entry: string;
  /** Directory for the bundle. */
  outDir: string;
  /** File name of the bundle (default provider.mjs, or provider.cjs for CommonJS). */
  bundleName?: string;
  /** ESM for `node bundle`, CommonJS for a single executable (SEA main scripts must be CommonJS). */
  format?: 'esm' | 'cjs';
  minify?: boolean;
  /** Working directory that relative paths are resolved against (default process.cwd()). */
  cwd?: string;
}

/** Builds the bundle; returns its absolute path. */
export async function buildProvider(options: BuildOptions): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir);
  const format = options.format ?? 'esm';
  const outfile = join(outDir, options.bundleName ?? (format === 'cjs' ? 'provider.cjs' : 'provider.mjs'));
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: cwd,
    entryPoints: [resolve(cwd, options.entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: options.minify ?? true,
    legalComments: 'none',
    // Bundled CommonJS dependencies (protobufjs) call require() for Node built-ins; ESM output has none unless we make one.
    ...(format === 'esm'
      ? { banner: { js: "import { createRequire as __tfpRequire } from 'node:module'; const require = __tfpRequire(import.meta.url);" } }
      : {}),
    logLevel: 'warning',
  });
  return outfile;
}

// ---- Warden's defaults, kept for scripts/ and bench/ -------------------------------

export const PROVIDER_BUNDLE_DIR = 'dist/provider';
export const PROVIDER_BUNDLE = join(PROVIDER_BUNDLE_DIR, 'provider.mjs');

/** Builds `<root>/provider/main.ts` into `<root>/dist/provider/provider.mjs`. */
export function buildProviderBundle(root: string): Promise<string> {
  return buildProvider({ cwd: root, entry: 'provider/main.ts', outDir: PROVIDER_BUNDLE_DIR });
}
