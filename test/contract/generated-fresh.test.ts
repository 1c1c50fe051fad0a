// The committed SDK types are exactly what the contract generates today.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, generateSdkTypes } from '../../scripts/generate-sdk.ts';

describe('sdk/generated/warden.ts', () => {
  it('is fresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-sdk-'));
    try {
      const out = join(dir, 'warden.ts');
      generateSdkTypes(out);
      const fresh = readFileSync(out, 'utf8');
      const committed = readFileSync(GENERATED, 'utf8');
      if (committed !== fresh) {
        expect.fail(`${GENERATED} is stale: openapi/warden.yaml changed since it was generated. Run \`npm run generate:sdk\` and commit the result.`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
