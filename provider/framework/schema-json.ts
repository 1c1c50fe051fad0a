// The provider schema in exactly the shape `terraform providers schema -json` prints, made
// from the declarations without running terraform (CDKTF bindings and docs build on it).
// Terraform omits false flags and empty maps, and sorts keys; so do we.
import { typeToJson } from './values.ts';
import type { Schema } from './schema.ts';

const sorted = <T>(entries: [string, T][]) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** One schema (provider, resource, data source or ephemeral resource). */
export function toJsonSchema(schema: Schema) {
  const attributes = Object.entries(schema.attributes).map(([name, a]) => [
    name,
    {
      type: typeToJson(a.type),
      ...(a.description ? { description: a.description } : {}),
      description_kind: 'markdown',
      ...(a.required ? { required: true } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}),
      ...(a.sensitive ? { sensitive: true } : {}),
      ...(a.deprecated ? { deprecated: true } : {}),
      ...(a.writeOnly ? { write_only: true } : {}),
    },
  ]) as [string, object][];
  return {
    version: schema.version ?? 0,
    block: {
      ...(attributes.length ? { attributes: sorted(attributes) } : {}),
      ...(schema.description ? { description: schema.description } : {}),
      description_kind: 'markdown',
      ...(schema.deprecated ? { deprecated: true } : {}),
    },
  };
}

interface SchemaSource {
  schema: Schema;
  resources?: Record<string, { schema: Schema }>;
  dataSources?: Record<string, { schema: Schema }>;
  ephemeralResources?: Record<string, { schema: Schema }>;
}

const each = (table: Record<string, { schema: Schema }> | undefined) =>
  sorted(Object.entries(table ?? {}).map(([name, definition]) => [name, toJsonSchema(definition.schema)]));

const nonEmpty = <K extends string>(key: K, value: Record<string, unknown>) =>
  (Object.keys(value).length ? { [key]: value } : {}) as Partial<Record<K, Record<string, unknown>>>;

/**
 * `terraform providers schema -json` for one provider, e.g. address
 * "registry.terraform.io/wardenhq/warden".
 */
export function providerSchemaJson(provider: SchemaSource, address: string) {
  return {
    format_version: '1.0',
    provider_schemas: {
      [address]: {
        provider: toJsonSchema(provider.schema),
        ...nonEmpty('resource_schemas', each(provider.resources)),
        ...nonEmpty('data_source_schemas', each(provider.dataSources)),
        ...nonEmpty('ephemeral_resource_schemas', each(provider.ephemeralResources)),
      },
    },
  };
}
