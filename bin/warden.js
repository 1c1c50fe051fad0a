#!/usr/bin/env node
// The installed `warden` command: runs the bundle built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/warden.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('warden: dist/warden.mjs is missing; run `npm run build` (npm install does it too)\n');
  process.exit(1);
}
await import(bundle);
