// Declarative schemas: attributes with their type, flags, description, validators and
// plan modifiers. Resources declare these; the framework derives the protocol schema,
// validation and planning from them.
import { typeToJson, type TfType, type TfValue } from '../protocol/types.ts';

export interface Validator {
  /** Returns problem messages for a known, non-null value; empty when fine. */
  check(value: TfValue): string[];
}

export interface Attribute {
  type: TfType;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  /** Used when the attribute is optional+computed and absent from configuration. */
  default?: TfValue;
  validators?: Validator[];
  /** A change of value replaces the object. */
  requiresReplace?: boolean;
  /** A computed value that never changes after create keeps its prior value in plans. */
  useStateForUnknown?: boolean;
}

export interface Schema {
  version?: number;
  description: string;
  attributes: Record<string, Attribute>;
}

export function objectType(schema: Schema): TfType {
  return { object: Object.fromEntries(Object.entries(schema.attributes).map(([name, a]) => [name, a.type])) };
}

/** The protocol's Schema message (type bytes are JSON). */
export function toProtoSchema(schema: Schema) {
  return {
    version: schema.version ?? 0,
    block: {
      version: schema.version ?? 0,
      description: schema.description,
      description_kind: 'MARKDOWN',
      attributes: Object.entries(schema.attributes).map(([name, a]) => ({
        name,
        type: Buffer.from(JSON.stringify(typeToJson(a.type))),
        description: a.description,
        description_kind: 'MARKDOWN',
        required: Boolean(a.required),
        optional: Boolean(a.optional),
        computed: Boolean(a.computed),
        sensitive: Boolean(a.sensitive),
        deprecated: Boolean(a.deprecated),
        write_only: Boolean(a.writeOnly),
      })),
      block_types: [],
    },
  };
}

/** The shape `terraform providers schema -json` prints for one schema. */
export function toJsonSchema(schema: Schema) {
  return {
    version: schema.version ?? 0,
    block: {
      attributes: Object.fromEntries(
        Object.entries(schema.attributes).map(([name, a]) => [
          name,
          {
            type: typeToJson(a.type),
            description: a.description,
            description_kind: 'markdown',
            ...(a.required ? { required: true } : {}),
            ...(a.optional ? { optional: true } : {}),
            ...(a.computed ? { computed: true } : {}),
            ...(a.sensitive ? { sensitive: true } : {}),
            ...(a.writeOnly ? { write_only: true } : {}),
            ...(a.deprecated ? { deprecated: true } : {}),
          },
        ]),
      ),
      description: schema.description,
      description_kind: 'markdown',
    },
  };
}
