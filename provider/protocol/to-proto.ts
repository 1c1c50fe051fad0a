// Pure converters from framework values to protocol 6 messages: schemas and diagnostics.
import type { Diagnostic, Path } from '../framework/diagnostics.ts';
import type { Schema } from '../framework/schema.ts';
import { typeToJson } from '../framework/values.ts';
import type { AttributePath, Diagnostic as ProtoDiagnostic, Schema as ProtoSchema, Timestamp } from './generated/tfplugin6.ts';

export function toProtoPath(path: Path): AttributePath {
  return {
    steps: path.map((step) =>
      typeof step === 'number' ? { element_key_int: step } : typeof step === 'object' ? { element_key_string: step.key } : { attribute_name: step },
    ),
  };
}

export function toProtoDiagnostics(diagnostics: readonly Diagnostic[]): ProtoDiagnostic[] {
  return diagnostics.map((d) => ({
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.path?.length ? { attribute: toProtoPath(d.path) } : {}),
  }));
}

/** The protocol's Schema message; attribute types are JSON type expressions as bytes. */
export function toProtoSchema(schema: Schema): ProtoSchema {
  const version = schema.version ?? 0;
  return {
    version,
    block: {
      version,
      description: schema.description,
      description_kind: 'MARKDOWN',
      deprecated: Boolean(schema.deprecated),
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

export function toTimestamp(date: Date | undefined): Timestamp | undefined {
  if (!date) {
    return undefined;
  }
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}
