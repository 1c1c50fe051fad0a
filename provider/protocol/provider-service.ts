// The gRPC adapter for the tfplugin6.Provider service: decode each request with the
// schema of its type, call the protocol-free ProviderServer, encode the answer. Domain
// problems always come back as diagnostics, never as gRPC errors.
import { Diagnostics, type Diagnostic } from '../framework/diagnostics.ts';
import { objectType, type Schema, type State } from '../framework/schema.ts';
import type { Kind, ProviderServer } from '../framework/server.ts';
import { conformJson, decodeDynamic, encodeDynamic, parseJsonExact, type WireDynamicValue } from './codec.ts';
import type { Logger } from './logging.ts';
import { toProtoDiagnostics, toProtoPath, toProtoSchema, toTimestamp } from './to-proto.ts';

type Callback = (error: null, response: unknown) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Request = any;
type Handler = (call: { request: Request }, callback: Callback) => void;

const bytes = (value: Uint8Array | null | undefined) => (value && value.length > 0 ? Buffer.from(value) : undefined);

function parseRawState(raw: { json?: Uint8Array; flatmap?: Record<string, string> } | undefined, diagnostics: Diagnostics): Record<string, unknown> {
  if (raw?.json?.length) {
    return parseJsonExact(Buffer.from(raw.json).toString('utf8')) as Record<string, unknown>;
  }
  if (raw?.flatmap && Object.keys(raw.flatmap).length > 0) {
    diagnostics.error('Unsupported state format', 'This state was written in the pre-0.12 flatmap format, which this provider cannot read. Re-import the resource.');
  }
  return {};
}

export function createProviderService<Client>(server: ProviderServer<Client>, logger: Logger): Record<string, Handler> {
  /** Decodes a DynamicValue with the schema of a type; unknown types decode as null. */
  const decode = (value: WireDynamicValue | undefined, schema: Schema | undefined) =>
    (schema ? decodeDynamic(value, objectType(schema)) : null) as State | null;
  const encode = (value: State | null, schema: Schema | undefined) => encodeDynamic(value, schema ? objectType(schema) : { object: {} });

  /** Wraps a handler: diagnostics in, diagnostics out, no transport errors. */
  const rpc =
    (name: string, handle: (request: Request, diagnostics: Diagnostics) => Promise<Record<string, unknown>>): Handler =>
    (call, callback) => {
      const started = performance.now();
      const diagnostics = new Diagnostics();
      handle(call.request, diagnostics)
        .catch((error: unknown) => {
          // Only codec or adapter bugs land here: ProviderServer already guards provider code.
          diagnostics.error(`${name} failed inside the provider`, String((error as Error)?.stack ?? error));
          return {};
        })
        .then((response) => {
          logger.log('trace', `served ${name}`, { tf_rpc: name, tf_type: call.request?.type_name, diagnostics: diagnostics.items.length, ms: Math.round(performance.now() - started) });
          callback(null, { ...response, diagnostics: toProtoDiagnostics(diagnostics.items as Diagnostic[]) });
        });
    };

  const schemaMap = (table: Record<string, { schema: Schema }> | undefined) =>
    Object.fromEntries(Object.entries(table ?? {}).map(([name, definition]) => [name, toProtoSchema(definition.schema)]));
  const typeNames = (table: Record<string, unknown> | undefined) => Object.keys(table ?? {}).map((type_name) => ({ type_name }));
  const capabilities = () => ({ get_provider_schema_optional: true, move_resource_state: server.canMoveState });
  const provider = server.provider;

  const validate = (kind: Kind) =>
    rpc(`Validate ${kind} config`, async (request, diagnostics) => {
      const config = decode(request.config, server.schemaOf(kind, request.type_name));
      await server.validateConfig(kind, request.type_name, config ?? {}, diagnostics);
      return {};
    });

  return {
    GetMetadata: rpc('GetMetadata', async () => ({
      server_capabilities: capabilities(),
      resources: typeNames(provider.resources),
      data_sources: typeNames(provider.dataSources),
      ephemeral_resources: typeNames(provider.ephemeralResources),
      functions: [],
    })),

    GetProviderSchema: rpc('GetProviderSchema', async () => ({
      provider: toProtoSchema(provider.schema),
      resource_schemas: schemaMap(provider.resources),
      data_source_schemas: schemaMap(provider.dataSources),
      ephemeral_resource_schemas: schemaMap(provider.ephemeralResources),
      functions: {},
      server_capabilities: capabilities(),
    })),

    GetResourceIdentitySchemas: rpc('GetResourceIdentitySchemas', async () => ({ identity_schemas: {} })),

    ValidateProviderConfig: rpc('ValidateProviderConfig', async (request, diagnostics) => {
      await server.validateProviderConfig(decode(request.config, provider.schema) ?? {}, diagnostics);
      return {};
    }),

    ConfigureProvider: rpc('ConfigureProvider', async (request, diagnostics) => {
      await server.configure(decode(request.config, provider.schema) ?? {}, request.terraform_version ?? '', diagnostics);
      return {};
    }),

    ValidateResourceConfig: validate('resource'),
    ValidateDataResourceConfig: validate('data source'),
    ValidateEphemeralResourceConfig: validate('ephemeral resource'),

    UpgradeResourceState: rpc('UpgradeResourceState', async (request, diagnostics) => {
      const schema = server.schemaOf('resource', request.type_name);
      const raw = parseRawState(request.raw_state, diagnostics);
      const conform = (value: unknown, s: Schema) => conformJson(value, objectType(s)) as State;
      const upgraded = await server.upgradeResourceState(request.type_name, Number(request.version ?? 0), raw, conform, diagnostics);
      return { upgraded_state: encode(upgraded, schema) };
    }),

    ReadResource: rpc('ReadResource', async (request, diagnostics) => {
      const schema = server.schemaOf('resource', request.type_name);
      const result = await server.readResource(request.type_name, decode(request.current_state, schema), bytes(request.private), diagnostics);
      return { new_state: encode(result.state, schema), private: result.private };
    }),

    PlanResourceChange: rpc('PlanResourceChange', async (request, diagnostics) => {
      const schema = server.schemaOf('resource', request.type_name);
      const result = await server.planResourceChange(
        request.type_name,
        {
          prior: decode(request.prior_state, schema),
          proposed: decode(request.proposed_new_state, schema),
          config: decode(request.config, schema),
          priorPrivate: bytes(request.prior_private),
        },
        diagnostics,
      );
      return {
        planned_state: encode(result.planned, schema),
        requires_replace: result.requiresReplace.map(toProtoPath),
        planned_private: result.plannedPrivate,
      };
    }),

    ApplyResourceChange: rpc('ApplyResourceChange', async (request, diagnostics) => {
      const schema = server.schemaOf('resource', request.type_name);
      const result = await server.applyResourceChange(
        request.type_name,
        {
          prior: decode(request.prior_state, schema),
          planned: decode(request.planned_state, schema),
          config: decode(request.config, schema),
          plannedPrivate: bytes(request.planned_private),
        },
        diagnostics,
      );
      return { new_state: encode(result.state, schema), private: result.private };
    }),

    ImportResourceState: rpc('ImportResourceState', async (request, diagnostics) => {
      const schema = server.schemaOf('resource', request.type_name);
      const imported = await server.importResourceState(request.type_name, request.id ?? '', diagnostics);
      return {
        imported_resources: imported.map((r) => ({ type_name: request.type_name, state: encode(r.state, schema), private: r.private })),
      };
    }),

    MoveResourceState: rpc('MoveResourceState', async (request, diagnostics) => {
      const schema = server.schemaOf('resource', request.target_type_name);
      const state = await server.moveResourceState(
        {
          sourceProviderAddress: request.source_provider_address,
          sourceTypeName: request.source_type_name,
          sourceVersion: Number(request.source_schema_version ?? 0),
          targetTypeName: request.target_type_name,
          state: parseRawState(request.source_state, diagnostics),
        },
        diagnostics,
      );
      return { target_state: encode(state, schema), target_private: bytes(request.source_private) ?? Buffer.alloc(0) };
    }),

    ReadDataSource: rpc('ReadDataSource', async (request, diagnostics) => {
      const schema = server.schemaOf('data source', request.type_name);
      const state = await server.readDataSource(request.type_name, decode(request.config, schema) ?? {}, diagnostics);
      return { state: encode(state, schema) };
    }),

    OpenEphemeralResource: rpc('OpenEphemeralResource', async (request, diagnostics) => {
      const schema = server.schemaOf('ephemeral resource', request.type_name);
      const opened = await server.openEphemeral(request.type_name, decode(request.config, schema) ?? {}, diagnostics);
      return {
        result: encode(opened.result, schema),
        ...(opened.private ? { private: opened.private } : {}),
        ...(opened.renewAt ? { renew_at: toTimestamp(opened.renewAt) } : {}),
      };
    }),

    RenewEphemeralResource: rpc('RenewEphemeralResource', async (request, diagnostics) => {
      const renewed = await server.renewEphemeral(request.type_name, bytes(request.private), diagnostics);
      return { ...(renewed.private ? { private: renewed.private } : {}), ...(renewed.renewAt ? { renew_at: toTimestamp(renewed.renewAt) } : {}) };
    }),

    CloseEphemeralResource: rpc('CloseEphemeralResource', async (request, diagnostics) => {
      await server.closeEphemeral(request.type_name, bytes(request.private), diagnostics);
      return {};
    }),

    GetFunctions: rpc('GetFunctions', async () => ({ functions: {} })),

    CallFunction: (call, callback) => callback(null, { error: { text: `This provider defines no functions (asked for ${String(call.request?.name)}).` } }),

    StopProvider: (_call, callback) => {
      server.stop();
      callback(null, { Error: '' });
    },
  };
}
