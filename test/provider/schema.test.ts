// provider/generated/schema.json is current, and is exactly what the real
// `terraform providers schema -json` prints for the built provider.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_ADDRESS, exportProviderSchema } from '../../provider/schema-export.ts';
import { TerraformWorkspace } from '../helpers/terraform.ts';

describe('exported provider schema', () => {
  it('is not stale (run `npm run generate:schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync('provider/generated/schema.json', 'utf8'));
    expect(committed).toEqual(exportProviderSchema());
  });

  it('matches terraform providers schema -json', async () => {
    const tf = await TerraformWorkspace.create('http://127.0.0.1:9', 'unused');
    tf.write('');
    await tf.ok(['init', '-no-color']);
    const real = JSON.parse((await tf.ok(['providers', 'schema', '-json'])).stdout).provider_schemas[PROVIDER_ADDRESS];
    const ours = exportProviderSchema().provider_schemas[PROVIDER_ADDRESS];
    expect(ours.resource_schemas).toEqual(real.resource_schemas);
    expect(ours.data_source_schemas).toEqual(real.data_source_schemas);
    expect(ours.ephemeral_resource_schemas).toEqual(real.ephemeral_resource_schemas);
    expect(ours.provider).toEqual(real.provider);
  });
});
