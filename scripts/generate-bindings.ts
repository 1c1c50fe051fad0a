// `npm run generate:bindings`: CDKTF bindings for provider wardenhq/warden, generated from
// provider/generated/schema.json with @cdktf/provider-generator — no `cdktf get`, no
// registry. Written to cdktf-constructs/generated (or the directory given as argument).
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fixGeneratedImports } from './bindings-postprocess.ts';

process.env.CHECKPOINT_DISABLE = '1';
// @cdktf/commons runs `terraform version` on import; give it an empty, valid CLI config.
process.env.TF_CLI_CONFIG_FILE = '/dev/null';
const root = resolve(import.meta.dirname, '..');

export async function generateBindings(outDir = resolve(root, 'cdktf-constructs/generated')): Promise<void> {
  // Loaded lazily: @cdktf/commons runs `terraform version` when imported.
  const { CodeMaker, TerraformProviderGenerator } = await import('@cdktf/provider-generator');
  const { ConstructsMakerProviderTarget, Language, TerraformProviderConstraint } = await import('@cdktf/commons');
  const schema = JSON.parse(await readFile(resolve(root, 'provider/generated/schema.json'), 'utf8'));
  schema.provider_versions = { 'registry.terraform.io/wardenhq/warden': '0.1.0' };
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  generator.generate(ConstructsMakerProviderTarget.from(new TerraformProviderConstraint('wardenhq/warden@~> 0.1'), Language.TYPESCRIPT));
  rmSync(outDir, { recursive: true, force: true });
  await code.save(outDir);
  fixGeneratedImports(outDir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generateBindings(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
