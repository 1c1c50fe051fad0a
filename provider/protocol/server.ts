// The gRPC adapter: decodes each protocol 6 request, calls the protocol-free framework
// definitions, and encodes the answer. Domain problems always come back as diagnostics,
// never as transport errors.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';
import { Diagnostics, DiagnosticError, toProtoDiagnostics, type Diagnostic } from '../framework/diagnostics.ts';
import type { ProviderDefinition, State } from '../framework/definitions.ts';
import { complete, planBase, settle } from '../framework/planning.ts';
import { objectType, toProtoSchema, type Schema } from '../framework/schema.ts';
import { decodeDynamic, encodeDynamic, parseJsonExact } from './codec.ts';
import { log } from './logging.ts';
import { isUnknown } from './types.ts';

type Callback = (error: grpc.ServiceError | null, response?: unknown) => void;
type Call = { request: any };

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

export function loadProtos(directory: string) {
  const definition = protoLoader.loadSync(
    ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'].map((f) => fileURLToPath(new URL(f, directory))),
    LOADER_OPTIONS,
  );
  return grpc.loadPackageDefinition(definition) as any;
}

/** Runs attribute validators over known, non-null values. */
function validateAttributes(schema: Schema, config: State, diagnostics: Diagnostics): void {
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    const value = config[name] ?? null;
    if (value === null || isUnknown(value)) {
      continue;
    }
    for (const validator of attribute.validators ?? []) {
      for (const message of validator.check(value)) {
        diagnostics.error(`Invalid ${name}`, message, [name]);
      }
    }
  }
}

function describeError(error: unknown): Diagnostic {
  if (error instanceof DiagnosticError) {
    return { severity: 'error', summary: error.summary, detail: error.detail, path: error.path };
  }
  const e = error as { name?: string; message?: string; code?: string; status?: number; fieldErrors?: { field: string; message: string }[] };
  if (e?.name === 'WardenApiError') {
    const fields = (e.fieldErrors ?? []).map((f) => `${f.field}: ${f.message}`).join('\n');
    return { severity: 'error', summary: `Warden API: ${e.message}`, detail: `code ${e.code}, HTTP ${e.status}${fields ? `\n${fields}` : ''}` };
  }
  log('error', 'unexpected provider error', { error: String(e?.message ?? error) });
  return { severity: 'error', summary: 'Unexpected provider error', detail: String(e?.message ?? error) };
}

export function createProviderService<Client>(provider: ProviderDefinition<Client>, onStop: () => void) {
  let client: Client | undefined;
  const providerType = objectType(provider.schema);

  const lookup = <T extends { schema: Schema }>(kind: string, table: Record<string, T> | undefined, name: string): T => {
    const found = table?.[name];
    if (!found) {
      throw new DiagnosticError(`Unknown ${kind} type "${name}"`, `This version of the provider does not know ${name}.`);
    }
    return found;
  };
  const needClient = (): Client => {
    if (client === undefined) {
      throw new DiagnosticError('Provider not configured', 'Terraform did not configure the warden provider before using it.');
    }
    return client;
  };

  /** Wraps a handler: collects diagnostics, turns thrown errors into diagnostics. */
  const rpc =
    (name: string, handler: (request: any, diagnostics: Diagnostics) => Promise<Record<string, unknown>>) =>
    async (call: Call, callback: Callback) => {
      const diagnostics = new Diagnostics();
      let response: Record<string, unknown> = {};
      try {
        response = await handler(call.request, diagnostics);
      } catch (error) {
        diagnostics.items.push(describeError(error));
      }
      log('trace', `rpc ${name}`, { diagnostics: diagnostics.items.length });
      callback(null, { ...response, diagnostics: toProtoDiagnostics(diagnostics.items) });
    };

  const schemaMap = (table: Record<string, { schema: Schema }> | undefined) =>
    Object.fromEntries(Object.entries(table ?? {}).map(([name, def]) => [name, toProtoSchema(def.schema)]));

  return {
    GetMetadata: rpc('GetMetadata', async () => ({
      server_capabilities: { get_provider_schema_optional: true },
      resources: Object.keys(provider.resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(provider.dataSources).map((type_name) => ({ type_name })),
      ephemeral_resources: Object.keys(provider.ephemeralResources ?? {}).map((type_name) => ({ type_name })),
    })),

    GetProviderSchema: rpc('GetProviderSchema', async () => ({
      provider: toProtoSchema(provider.schema),
      resource_schemas: schemaMap(provider.resources),
      data_source_schemas: schemaMap(provider.dataSources),
      ephemeral_resource_schemas: schemaMap(provider.ephemeralResources),
      server_capabilities: { get_provider_schema_optional: true },
    })),

    GetFunctions: rpc('GetFunctions', async () => ({ functions: {} })),

    ValidateProviderConfig: rpc('ValidateProviderConfig', async (request, diagnostics) => {
      validateAttributes(provider.schema, decodeDynamic(request.config, providerType) as State, diagnostics);
      return {};
    }),

    ConfigureProvider: rpc('ConfigureProvider', async (request, diagnostics) => {
      const config = decodeDynamic(request.config, providerType) as State;
      client = await provider.configure(config, diagnostics, { terraformVersion: request.terraform_version });
      return {};
    }),

    ValidateResourceConfig: rpc('ValidateResourceConfig', async (request, diagnostics) => {
      const resource = lookup('resource', provider.resources, request.type_name);
      const config = decodeDynamic(request.config, objectType(resource.schema)) as State;
      validateAttributes(resource.schema, config, diagnostics);
      resource.validate?.(config, diagnostics);
      return {};
    }),

    ValidateDataResourceConfig: rpc('ValidateDataResourceConfig', async (request, diagnostics) => {
      const source = lookup('data source', provider.dataSources, request.type_name);
      const config = decodeDynamic(request.config, objectType(source.schema)) as State;
      validateAttributes(source.schema, config, diagnostics);
      source.validate?.(config, diagnostics);
      return {};
    }),

    ValidateEphemeralResourceConfig: rpc('ValidateEphemeralResourceConfig', async (request, diagnostics) => {
      const ephemeral = lookup('ephemeral resource', provider.ephemeralResources, request.type_name);
      validateAttributes(ephemeral.schema, decodeDynamic(request.config, objectType(ephemeral.schema)) as State, diagnostics);
      return {};
    }),

    UpgradeResourceState: rpc('UpgradeResourceState', async (request) => {
      const resource = lookup('resource', provider.resources, request.type_name);
      const raw = request.raw_state?.json?.length ? (parseJsonExact(Buffer.from(request.raw_state.json).toString('utf8')) as State) : {};
      return { upgraded_state: encodeDynamic(complete(resource.schema, raw), objectType(resource.schema)) };
    }),

    ReadResource: rpc('ReadResource', async (request, diagnostics) => {
      const resource = lookup('resource', provider.resources, request.type_name);
      const type = objectType(resource.schema);
      const state = decodeDynamic(request.current_state, type) as State | null;
      if (state === null) {
        return { new_state: encodeDynamic(null, type), private: request.private };
      }
      const fresh = await resource.read({ client: needClient(), state, diagnostics });
      return { new_state: encodeDynamic(fresh === null ? null : complete(resource.schema, fresh), type), private: request.private };
    }),

    PlanResourceChange: rpc('PlanResourceChange', async (request, diagnostics) => {
      const resource = lookup('resource', provider.resources, request.type_name);
      const type = objectType(resource.schema);
      const prior = decodeDynamic(request.prior_state, type) as State | null;
      const proposed = decodeDynamic(request.proposed_new_state, type) as State | null;
      const config = (decodeDynamic(request.config, type) as State | null) ?? {};
      if (proposed === null) {
        return { planned_state: encodeDynamic(null, type), planned_private: request.prior_private };
      }
      const base = planBase(resource.schema, prior, proposed, config);
      const replace = new Set(base.requiresReplace);
      await resource.modifyPlan?.({
        client: needClient(),
        prior,
        config,
        planned: base.planned,
        diagnostics,
        requireReplace: (attribute) => replace.add(attribute),
      });
      return {
        planned_state: encodeDynamic(base.planned, type),
        requires_replace: prior === null ? [] : [...replace].map((name) => ({ steps: [{ attribute_name: name }] })),
        planned_private: request.prior_private,
      };
    }),

    ApplyResourceChange: rpc('ApplyResourceChange', async (request) => {
      const resource = lookup('resource', provider.resources, request.type_name);
      const type = objectType(resource.schema);
      const prior = decodeDynamic(request.prior_state, type) as State | null;
      const planned = decodeDynamic(request.planned_state, type) as State | null;
      const config = (decodeDynamic(request.config, type) as State | null) ?? {};
      const current = needClient();
      if (planned === null) {
        await resource.delete({ client: current, prior: prior! });
        return { new_state: encodeDynamic(null, type) };
      }
      const next =
        prior === null
          ? await resource.create({ client: current, planned, config })
          : await resource.update({ client: current, prior, planned, config });
      return { new_state: encodeDynamic(settle(complete(resource.schema, next)), type), private: request.planned_private };
    }),

    ImportResourceState: rpc('ImportResourceState', async (request) => {
      const resource = lookup('resource', provider.resources, request.type_name);
      if (!resource.importState) {
        throw new DiagnosticError(`${request.type_name} cannot be imported`);
      }
      const state = await resource.importState({ client: needClient(), id: request.id });
      return {
        imported_resources: [
          { type_name: request.type_name, state: encodeDynamic(complete(resource.schema, state), objectType(resource.schema)) },
        ],
      };
    }),

    ReadDataSource: rpc('ReadDataSource', async (request, diagnostics) => {
      const source = lookup('data source', provider.dataSources, request.type_name);
      const type = objectType(source.schema);
      const config = decodeDynamic(request.config, type) as State;
      const state = await source.read({ client: needClient(), config, diagnostics });
      return { state: encodeDynamic(complete(source.schema, state), type) };
    }),

    OpenEphemeralResource: rpc('OpenEphemeralResource', async (request) => {
      const ephemeral = lookup('ephemeral resource', provider.ephemeralResources, request.type_name);
      const type = objectType(ephemeral.schema);
      const opened = await ephemeral.open({ client: needClient(), config: decodeDynamic(request.config, type) as State });
      return { result: encodeDynamic(complete(ephemeral.schema, opened.result), type), ...(opened.private ? { private: opened.private } : {}) };
    }),

    RenewEphemeralResource: rpc('RenewEphemeralResource', async (request) => ({ ...(request.private ? { private: request.private } : {}) })),

    CloseEphemeralResource: rpc('CloseEphemeralResource', async (request) => {
      const ephemeral = lookup('ephemeral resource', provider.ephemeralResources, request.type_name);
      await ephemeral.close?.({ client: needClient(), private: request.private ? Buffer.from(request.private) : undefined });
      return {};
    }),

    StopProvider: (_call: Call, callback: Callback) => {
      onStop();
      callback(null, { Error: '' });
    },
  };
}
