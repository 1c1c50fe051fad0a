// RPCs that describe the provider: metadata, schemas, identity schemas and functions.
// None of them reaches provider code; the schema answer is built once per process.
import type { Schema } from '../../framework/schema.ts';
import type * as tf from '../generated/tfplugin6.ts';
import type { Adapter, RpcHandler } from './adapter.ts';

type Table = Record<string, { schema: Schema }> | undefined;

const typeNames = (table: Table): tf.GetMetadata_TypeName[] => Object.keys(table ?? {}).map((type_name) => ({ type_name }));

const capabilities = (adapter: Adapter): tf.ServerCapabilities => ({ get_provider_schema_optional: true, move_resource_state: adapter.server.canMoveState });

export const getMetadata: RpcHandler<tf.GetMetadata_Request, tf.GetMetadata_Response> = async (_request, _diagnostics, adapter) => {
  const { provider } = adapter.server;
  return {
    server_capabilities: capabilities(adapter),
    resources: typeNames(provider.resources),
    data_sources: typeNames(provider.dataSources),
    ephemeral_resources: typeNames(provider.ephemeralResources),
    functions: [],
  };
};

export const getProviderSchema: RpcHandler<tf.GetProviderSchema_Request, tf.GetProviderSchema_Response> = async (_request, _diagnostics, adapter) => {
  const { provider } = adapter.server;
  const schemas = (table: Table) => Object.fromEntries(Object.entries(table ?? {}).map(([name, definition]) => [name, adapter.protoSchema(definition.schema)]));
  return {
    provider: adapter.protoSchema(provider.schema),
    resource_schemas: schemas(provider.resources),
    data_source_schemas: schemas(provider.dataSources),
    ephemeral_resource_schemas: schemas(provider.ephemeralResources),
    functions: {},
    server_capabilities: capabilities(adapter),
  };
};

export const getResourceIdentitySchemas: RpcHandler<tf.GetResourceIdentitySchemas_Request, tf.GetResourceIdentitySchemas_Response> = async () => ({
  identity_schemas: {},
});

export const getFunctions: RpcHandler<tf.GetFunctions_Request, tf.GetFunctions_Response> = async () => ({ functions: {} });

export const callFunction: RpcHandler<tf.CallFunction_Request, tf.CallFunction_Response> = async (request) => ({
  error: { text: `This provider defines no functions (asked for ${String(request.name)}).` },
});
