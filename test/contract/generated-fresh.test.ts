// The committed SDK types are exactly what the contract generates today.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_JSON, contractJson } from '../../scripts/generate-contract.ts';
import { GENERATED, generateSdkTypes } from '../../scripts/generate-sdk.ts';
import { rootVersion, syncedManifest, VERSION_MODULE, versionModule, WORKSPACES } from '../../scripts/sync-version.ts';

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

describe('openapi/generated/warden.json', () => {
  it('is the contract as it is today', () => {
    if (readFileSync(CONTRACT_JSON, 'utf8') !== contractJson()) {
      expect.fail(`${CONTRACT_JSON} is stale: run \`npm run generate:contract\` and commit the result.`);
    }
  });
});

describe('the version', () => {
  it('comes from the root package.json everywhere', () => {
    expect(readFileSync(VERSION_MODULE, 'utf8'), `run \`npm run generate:version\``).toBe(versionModule());
    for (const workspace of WORKSPACES) {
      expect(readFileSync(join(workspace, 'package.json'), 'utf8'), `${workspace}/package.json: run \`npm run generate:version\``).toBe(
        syncedManifest(workspace),
      );
      expect(JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8')).version).toBe(rootVersion());
    }
  });
});
