// `npm run generate:bindings`: CDKTF bindings for provider wardenhq/warden, generated from
// provider/generated/schema.json (the `terraform providers schema -json` shape) with
// @cdktf/provider-generator — no `cdktf get`, no registry, no network. Written to
// cdktf-constructs/generated, or to the directory given as first argument (the freshness
// test generates into a temporary one). The output is deterministic: the generator writes
// no timestamps, and the provider version is pinned to 0.1.0 in `required_providers`.
// Moving to the CDKTF fork (cdktn) is a package rename here plus a regeneration.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';
import { postprocessBindings } from './bindings-postprocess.ts';

const root = resolve(import.meta.dirname, '..');
const PROVIDER = 'wardenhq/warden';
const VERSION = WARDEN_VERSION;

export async function generateBindings(
  outDir = resolve(root, 'cdktf-constructs/generated'),
  schemaFile = resolve(root, 'provider/generated/schema.json'),
): Promise<void> {
  const schema = JSON.parse(await readFile(schemaFile, 'utf8'));
  schema.provider_versions = { [`registry.terraform.io/${PROVIDER}`]: VERSION };
  // @cdktf/commons runs `terraform version -json` when imported: no checkpoint call, and an
  // empty, valid CLI config (the machine's may name a mirror that does not exist yet).
  process.env.CHECKPOINT_DISABLE = '1';
  const savedCliConfig = process.env.TF_CLI_CONFIG_FILE;
  process.env.TF_CLI_CONFIG_FILE = '/dev/null';
  try {
    const { CodeMaker, TerraformProviderGenerator } = await import('@cdktf/provider-generator');
    const { ConstructsMakerProviderTarget, Language, TerraformProviderConstraint } = await import('@cdktf/commons');
    const code = new CodeMaker();
    const generator = new TerraformProviderGenerator(code, schema);
    generator.generate(
      ConstructsMakerProviderTarget.from(new TerraformProviderConstraint(`${PROVIDER}@~> ${VERSION.split('.').slice(0, 2).join('.')}`), Language.TYPESCRIPT),
    );
    rmSync(outDir, { recursive: true, force: true });
    await code.save(outDir);
  } finally {
    if (savedCliConfig === undefined) {
      delete process.env.TF_CLI_CONFIG_FILE;
    } else {
      process.env.TF_CLI_CONFIG_FILE = savedCliConfig;
    }
  }
  postprocessBindings(outDir);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  await generateBindings(outDir);
  console.log(`bindings for ${PROVIDER}@${VERSION} written to ${outDir ?? 'cdktf-constructs/generated'}`);
}
