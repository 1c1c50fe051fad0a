// Builds (if needed) the provider bundle and writes a mirror + CLI config under a directory.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROVIDER_BUNDLE, buildProviderBundle } from '../provider/packaging/build.ts';
import { writeMirror, type Mirror } from '../provider/packaging/mirror.ts';

const root = resolve(import.meta.dirname, '..');

export async function prepareProviderMirror(directory: string): Promise<Mirror> {
  const bundle = resolve(root, PROVIDER_BUNDLE);
  if (!existsSync(bundle)) {
    await buildProviderBundle(root);
  }
  return writeMirror({ directory, bundle });
}
