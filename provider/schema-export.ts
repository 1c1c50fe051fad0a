// The provider's schema in the shape `terraform providers schema -json` prints, made
// from the declarations without running terraform. CDKTF bindings and docs build on it.
import type { Schema } from './framework/schema.ts';
import { toJsonSchema } from './framework/schema-json.ts';
import { wardenProvider } from './warden-provider.ts';

export const PROVIDER_ADDRESS = 'registry.terraform.io/wardenhq/warden';

const each = (table: Record<string, { schema: Schema }> | undefined) =>
  Object.fromEntries(
    Object.entries(table ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, def]) => [name, toJsonSchema(def.schema)]),
  );

export function exportProviderSchema() {
  return {
    format_version: '1.0',
    provider_schemas: {
      [PROVIDER_ADDRESS]: {
        provider: toJsonSchema(wardenProvider.schema),
        resource_schemas: each(wardenProvider.resources),
        data_source_schemas: each(wardenProvider.dataSources),
        ephemeral_resource_schemas: each(wardenProvider.ephemeralResources),
      },
    },
  };
}
