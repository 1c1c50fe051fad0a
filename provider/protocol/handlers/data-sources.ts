// Data source RPCs: validation and read, each decode → core → encode.
import type * as tf from '../generated/tfplugin6.ts';
import type { RpcHandler } from './adapter.ts';

export const validateDataResourceConfig: RpcHandler<tf.ValidateDataResourceConfig_Request, tf.ValidateDataResourceConfig_Response> = async (
  request,
  diagnostics,
  adapter,
) => {
  const typeName = request.type_name ?? '';
  const config = adapter.decode(request.config, adapter.server.schemaOf('data source', typeName));
  await adapter.server.validateConfig('data source', typeName, config ?? {}, diagnostics);
  return {};
};

export const readDataSource: RpcHandler<tf.ReadDataSource_Request, tf.ReadDataSource_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const schema = adapter.server.schemaOf('data source', typeName);
  const state = await adapter.server.readDataSource(typeName, adapter.decode(request.config, schema) ?? {}, diagnostics);
  return { state: adapter.encode(state, schema) };
};
