#!/usr/bin/env node
// The installed `warden` command: runs the bundle that `npm run build` (or `npm run
// build:cli`) writes to dist/warden.mjs. Plain JavaScript so that it runs without tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/warden.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(`warden: ${bundle} is missing; run npm run build (npm install runs it too)\n`);
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
