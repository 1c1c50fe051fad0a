// A filesystem mirror with the single-executable provider and a CLI config under a directory,
// for tests, benchmarks and `npm start`. The executable comes from `npm run build`.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { executableName, PROVIDER_DIST } from '../provider/packaging/executable.ts';
import { hostPlatform, writeMirror, type Mirror } from '../provider/packaging/mirror.ts';

const root = resolve(import.meta.dirname, '..');

/** The executable `npm run build` made for this machine's platform. */
export function builtProviderExecutable(): string {
  const platform = hostPlatform();
  const executable = resolve(root, PROVIDER_DIST, platform, executableName(platform));
  if (!existsSync(executable)) {
    throw new Error(`${executable} is missing: run npm run build (npm install runs it too)`);
  }
  return executable;
}

export async function prepareProviderMirror(directory: string): Promise<Mirror> {
  return writeMirror({ directory, executable: builtProviderExecutable() });
}

export const REPOSITORY_MIRROR = join(root, 'dist/terraform');
