// cdktn-constructs/generated matches what @cdktn/provider-generator makes from the provider's
// exported schema (run `npm run generate:cdktn-bindings` when this fails). The generator runs
// on Node 22 in a child process; this test itself stays on the project's Node.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCdktnBindings } from '../../scripts/generate-cdktn-bindings.ts';

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

describe('CDK Terrain bindings', () => {
  it('are fresh against provider/generated/schema.json', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'warden-cdktn-bindings-')), 'generated');
    generateCdktnBindings(fresh);
    const committed = files('cdktn-constructs/generated');
    const regenerated = files(fresh);
    const names = [...new Set([...Object.keys(committed), ...Object.keys(regenerated)])].sort();
    const stale = names.filter((f) => committed[f] !== regenerated[f]);
    expect(stale, 'cdktn-constructs/generated is stale: run `npm run generate:cdktn-bindings` and commit the result').toEqual([]);
  });

  it('include what cdktf 0.21 cannot express: ephemeral resources and the write-only secret_wo', () => {
    const committed = files('cdktn-constructs/generated');
    expect(committed['providers/warden/ephemeral-warden-key-material/index.ts']).toContain("terraformResourceType: 'warden_key_material'");
    expect(committed['providers/warden/ephemeral-warden-ephemeral-api-key/index.ts']).toContain("terraformResourceType: 'warden_ephemeral_api_key'");
    expect(committed['providers/warden/api-key/index.ts']).toContain('secret_wo: this.markWriteOnlyAttribute(');
    expect(Object.values(committed).join('\n')).not.toMatch(/from ['"]cdktf['"]/);
  });
});
