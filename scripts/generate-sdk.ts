// Generates the SDK's types from the contract: openapi/warden.yaml → sdk/generated/warden.ts.
// `npm run generate:sdk` runs it; test/contract/generated-fresh.test.ts runs the same
// function into a temp file and fails when the committed file differs, so the command
// line lives here only.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTRACT = 'openapi/warden.yaml';
export const GENERATED = 'sdk/generated/warden.ts';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs the openapi-typescript CLI (the pinned devDependency) with the repository's flags. */
export function generateSdkTypes(outFile: string = GENERATED): void {
  // Via package.json: the package's export map rewrites `*.js` to `*.mjs`, which bin/ lacks.
  const cli = join(dirname(createRequire(import.meta.url).resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, CONTRACT, '--default-non-nullable', 'false', '-o', resolve(ROOT, outFile)], { cwd: ROOT, stdio: 'pipe' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateSdkTypes();
  process.stdout.write(`wrote ${GENERATED} from ${CONTRACT}\n`);
}
