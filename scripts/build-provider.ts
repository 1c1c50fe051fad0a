// `npm run build:provider`: bundle terraform-provider-warden into dist/provider and lay
// it out in the repository's own mirror at dist/terraform (CLI config: dist/terraform/terraform.rc).
import { resolve } from 'node:path';
import { buildProviderBundle } from '../provider/packaging/build.ts';
import { writeMirror } from '../provider/packaging/mirror.ts';

const root = resolve(import.meta.dirname, '..');
const bundle = await buildProviderBundle(root);
const mirror = writeMirror({ directory: resolve(root, 'dist/terraform'), bundle });
process.stderr.write(`provider bundle: ${bundle}\nfilesystem mirror: ${mirror.mirrorPath}\nCLI config: ${mirror.cliConfigFile}\n`);
