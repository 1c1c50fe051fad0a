// cdktn-constructs/generated matches what @cdktn/provider-generator makes from the provider's
// exported schema (run `npm run generate:cdktn-bindings` when this fails). The generator runs
// on Node 22 in a child process; this test itself stays on the project's Node.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCdktnBindings } from '../../scripts/generate-cdktn-bindings.ts';
import { filesBelow, staleFiles } from '../helpers/generated-tree.ts';

describe('CDK Terrain bindings', () => {
  it('are fresh against provider/generated/schema.json', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'warden-cdktn-bindings-')), 'generated');
    generateCdktnBindings(fresh);
    expect(
      staleFiles('cdktn-constructs/generated', fresh),
      'cdktn-constructs/generated is stale: run `npm run generate:cdktn-bindings` and commit the result',
    ).toEqual([]);
  });

  it('include what cdktf 0.21 cannot express: ephemeral resources and the write-only secret_wo', () => {
    const committed = filesBelow('cdktn-constructs/generated');
    expect(committed['providers/warden/ephemeral-warden-key-material/index.ts']).toContain("terraformResourceType: 'warden_key_material'");
    expect(committed['providers/warden/ephemeral-warden-ephemeral-api-key/index.ts']).toContain("terraformResourceType: 'warden_ephemeral_api_key'");
    expect(committed['providers/warden/api-key/index.ts']).toContain('secret_wo: this.markWriteOnlyAttribute(');
    expect(Object.values(committed).join('\n')).not.toMatch(/from ['"]cdktf['"]/);
  });
});
