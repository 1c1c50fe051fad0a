// @wardenhq/cdktn-constructs as built: the same public names as @wardenhq/cdktf-constructs,
// and the write-only key path synthesized by cdktn (run on Node 22 in a child process; this
// test file stays on the project's Node).
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as cdktfConstructs from '../../cdktf-constructs/src/index.ts';
import type { CdktnToolchain } from '../../scripts/cdktn-toolchain.ts';
import { runProcess } from '../helpers/process.ts';
import { prepareCdktn } from './helpers.ts';

let toolchain: CdktnToolchain;

/** Runs an ES module body on Node 22 with `cdktn` and the built package imported; returns its JSON. */
async function onNode22(body: string): Promise<any> {
  const cdktnUrl = pathToFileURL(realpathSync(createRequire(join(resolve('cdktn-constructs'), 'noop.js')).resolve('cdktn'))).href;
  const libUrl = pathToFileURL(resolve('cdktn-constructs/dist/src/index.js')).href;
  const source = `const cdktn = await import(${JSON.stringify(cdktnUrl)}); const lib = await import(${JSON.stringify(libUrl)});\n${body}`;
  const result = await runProcess(toolchain.node, ['--input-type=module', '-e', source], { env: toolchain.env });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

beforeAll(() => {
  toolchain = prepareCdktn();
}, 600_000);

describe('@wardenhq/cdktn-constructs', () => {
  it('exports every public name of @wardenhq/cdktf-constructs', async () => {
    const names: string[] = await onNode22('console.log(JSON.stringify(Object.keys(lib).sort()));');
    expect(names).toEqual(Object.keys(cdktfConstructs).sort());
  });

  it('feeds ephemeral key material to secret_wo, versioned, and refuses to output a secret it never has', async () => {
    const out = await onNode22(`
      const stack = new cdktn.TerraformStack(cdktn.Testing.app(), 'test');
      new lib.WardenProvider(stack);
      const key = new lib.ServiceAccount(stack, 'ci', { name: 'ci-deploy' }).addKey({ label: 'gha', ttl: '30d', keyMaterial: 'ephemeral', keyMaterialVersion: 3 });
      let refusal = '';
      try { key.exposeSecret('gha_key'); } catch (error) { refusal = error.message; }
      const json = JSON.parse(cdktn.Testing.synth(stack));
      console.log(JSON.stringify({ json, refusal, material: key.keyMaterial.startsWith('\${') }));
    `);
    const [materialId] = Object.keys(out.json.ephemeral.warden_key_material);
    const [apiKey] = Object.values<any>(out.json.resource.warden_api_key);
    expect(apiKey).toMatchObject({ secret_wo: `\${ephemeral.warden_key_material.${materialId}.token}`, secret_wo_version: 3, label: 'gha' });
    expect(out.json.output).toBeUndefined();
    expect(out.refusal).toContain("keyMaterial 'ephemeral' keeps the secret out of state");
    expect(out.material).toBe(true);
  });
});
