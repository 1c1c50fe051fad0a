// cdktf-constructs/generated matches what @cdktf/provider-generator makes from the
// provider's exported schema (run `npm run generate:bindings` when this fails).
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBindings } from '../../scripts/generate-bindings.ts';

function files(dir: string, root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      Object.assign(out, files(path, root));
    } else {
      out[relative(root, path)] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

describe('CDKTF bindings', () => {
  it('are fresh against provider/generated/schema.json', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'warden-bindings-')), 'generated');
    await generateBindings(fresh);
    const committed = files('cdktf-constructs/generated');
    const regenerated = files(fresh);
    const names = [...new Set([...Object.keys(committed), ...Object.keys(regenerated)])].sort();
    const stale = names.filter((f) => committed[f] !== regenerated[f]);
    expect(stale, 'cdktf-constructs/generated is stale: run `npm run generate:bindings` and commit the result').toEqual([]);
  });
});
