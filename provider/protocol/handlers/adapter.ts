// What every RPC handler shares: the protocol-free core, and the conversions between
// tfplugin6 wire values and framework values. The object type of each schema and each
// protocol schema message are built once per process, not on every call.
import type { Diagnostics } from '../../framework/diagnostics.ts';
import { objectType, type Schema, type State } from '../../framework/schema.ts';
import type { ProviderServer } from '../../framework/server.ts';
import type { TfType } from '../../framework/values.ts';
import { conformJson, decodeDynamic, encodeDynamic, parseJsonExact } from '../codec.ts';
import type { DynamicValue, RawState, Schema as ProtoSchema } from '../generated/tfplugin6.ts';
import { toProtoSchema } from '../to-proto.ts';

const EMPTY_OBJECT: TfType = { object: {} };

export class Adapter {
  private readonly objectTypes = new WeakMap<Schema, TfType>();
  private readonly protoSchemas = new WeakMap<Schema, ProtoSchema>();

  constructor(readonly server: ProviderServer<unknown>) {}

  /** The DynamicValue type of a schema; an unknown type name (no schema) reads as an empty object. */
  typeOf(schema: Schema | undefined): TfType {
    if (!schema) {
      return EMPTY_OBJECT;
    }
    let type = this.objectTypes.get(schema);
    if (!type) {
      type = objectType(schema);
      this.objectTypes.set(schema, type);
    }
    return type;
  }

  protoSchema(schema: Schema): ProtoSchema {
    let proto = this.protoSchemas.get(schema);
    if (!proto) {
      proto = toProtoSchema(schema);
      this.protoSchemas.set(schema, proto);
    }
    return proto;
  }

  /** A DynamicValue as state of `schema`; null when empty, or when the type is unknown. */
  decode(value: DynamicValue | null | undefined, schema: Schema | undefined): State | null {
    return schema ? (decodeDynamic(value, this.typeOf(schema)) as State | null) : null;
  }

  encode(value: State | null, schema: Schema | undefined): DynamicValue {
    return encodeDynamic(value, this.typeOf(schema));
  }

  /** Stored JSON re-shaped to `schema` (absent attributes null, removed ones dropped). */
  conform = (raw: unknown, schema: Schema): State => conformJson(raw, this.typeOf(schema)) as State;
}

/** Non-empty bytes as a Buffer; undefined for absent or empty fields. */
export const bytes = (value: Uint8Array | null | undefined): Buffer | undefined => (value && value.length > 0 ? Buffer.from(value) : undefined);

/** Stored state as parsed JSON; the pre-0.12 flatmap format is refused with a diagnostic. */
export function parseRawState(raw: RawState | null | undefined, diagnostics: Diagnostics): Record<string, unknown> {
  if (raw?.json?.length) {
    return parseJsonExact(Buffer.from(raw.json).toString('utf8')) as Record<string, unknown>;
  }
  if (raw?.flatmap && Object.keys(raw.flatmap).length > 0) {
    diagnostics.error(
      'Unsupported state format',
      'This state was written in the pre-0.12 flatmap format, which this provider cannot read. Re-import the resource.',
    );
  }
  return {};
}

/** A response without its diagnostics: the service wrapper adds those. */
export type Answer<Response> = Omit<Response, 'diagnostics'>;

/** decode → core → encode for one RPC. */
export type RpcHandler<Request, Response> = (request: Request, diagnostics: Diagnostics, adapter: Adapter) => Promise<Answer<Response>>;
