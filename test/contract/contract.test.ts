// The contract is linted, and the SDK types generated from it are not stale.
import { loadConfig, lint } from '@redocly/openapi-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../../server/handlers/index.ts';
import { loadContract } from '../../server/contract.ts';

describe('openapi/warden.yaml', () => {
  it('passes the lint rules in openapi/redocly.yaml', async () => {
    const config = await loadConfig({ configPath: 'openapi/redocly.yaml' });
    const problems = await lint({ ref: 'openapi/warden.yaml', config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('has a handler for every operation and every secured operation documents 401', () => {
    const { doc, operations } = loadContract();
    for (const op of operations.filter((o) => o.secured)) {
      expect(HANDLERS[op.operationId], op.operationId).toBeTypeOf('function');
      expect(Object.keys(doc.paths[op.path][op.method.toLowerCase()].responses), op.operationId).toContain('401');
    }
  });

  it('matches the committed SDK types (run `npm run generate:sdk` when this fails)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'warden-sdk-')), 'warden.ts');
    execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'openapi/warden.yaml', '--default-non-nullable', 'false', '-o', out], { stdio: 'pipe' });
    const fresh = readFileSync(out, 'utf8');
    const committed = readFileSync('sdk/generated/warden.ts', 'utf8');
    expect(committed === fresh, 'sdk/generated/warden.ts is stale: run `npm run generate:sdk`').toBe(true);
  });
});
