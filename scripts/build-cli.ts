// Bundles the CLI (with server, SDK and contract-driven validation) into dist/warden.mjs.
// Native and optional modules stay external; the contract YAML is read at run time from
// openapi/, which the bundle finds relative to the repository.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/entry.ts'],
  outfile: 'dist/warden.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
