#!/usr/bin/env node
// The installed `warden` command: runs the bundle in ../dist (built by `npm run build`).
// Plain JavaScript, so that it runs without a TypeScript loader.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(`warden: ${bundle} is missing; run npm run build (npm install runs it too)\n`);
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
