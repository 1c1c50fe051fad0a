// `npm run generate:contract`: openapi/warden.yaml → openapi/generated/warden.json. The
// server imports the JSON, so its bundle carries the contract and reads no file (and parses
// no YAML) at start. test/contract/generated-fresh.test.ts fails when the JSON is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONTRACT_JSON = 'openapi/generated/warden.json';

export function contractJson(): string {
  return `${JSON.stringify(parse(readFileSync(resolve(ROOT, 'openapi/warden.yaml'), 'utf8')), null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(resolve(ROOT, CONTRACT_JSON), contractJson());
  process.stdout.write(`wrote ${CONTRACT_JSON} from openapi/warden.yaml\n`);
}
