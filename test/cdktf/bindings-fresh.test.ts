// cdktf-constructs/generated matches what @cdktf/provider-generator makes from the
// provider's exported schema (run `npm run generate:bindings` when this fails).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBindings } from '../../scripts/generate-bindings.ts';
import { staleFiles } from '../helpers/generated-tree.ts';

describe('CDKTF bindings', () => {
  it('are fresh against provider/generated/schema.json', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'warden-bindings-')), 'generated');
    await generateBindings(fresh);
    expect(
      staleFiles('cdktf-constructs/generated', fresh),
      'cdktf-constructs/generated is stale: run `npm run generate:bindings` and commit the result',
    ).toEqual([]);
  });
});
