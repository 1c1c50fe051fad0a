// Ephemeral resource RPCs: validate, open, renew and close, each decode → core → encode.
import type * as tf from '../generated/tfplugin6.ts';
import { toTimestamp } from '../to-proto.ts';
import { bytes, type RpcHandler } from './adapter.ts';

/** Renewal facts in protocol form; absent fields are left out rather than sent empty. */
const renewal = (result: { private?: Buffer; renewAt?: Date }) => ({
  ...(result.private ? { private: result.private } : {}),
  ...(result.renewAt ? { renew_at: toTimestamp(result.renewAt) } : {}),
});

export const validateEphemeralResourceConfig: RpcHandler<tf.ValidateEphemeralResourceConfig_Request, tf.ValidateEphemeralResourceConfig_Response> = async (
  request,
  diagnostics,
  adapter,
) => {
  const typeName = request.type_name ?? '';
  const config = adapter.decode(request.config, adapter.server.schemaOf('ephemeral resource', typeName));
  await adapter.server.validateConfig('ephemeral resource', typeName, config ?? {}, diagnostics);
  return {};
};

export const openEphemeralResource: RpcHandler<tf.OpenEphemeralResource_Request, tf.OpenEphemeralResource_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const schema = adapter.server.schemaOf('ephemeral resource', typeName);
  const opened = await adapter.server.openEphemeral(typeName, adapter.decode(request.config, schema) ?? {}, diagnostics);
  return { result: adapter.encode(opened.result, schema), ...renewal(opened) };
};

export const renewEphemeralResource: RpcHandler<tf.RenewEphemeralResource_Request, tf.RenewEphemeralResource_Response> = async (
  request,
  diagnostics,
  adapter,
) => {
  const renewed = await adapter.server.renewEphemeral(request.type_name ?? '', bytes(request.private), diagnostics);
  return renewal(renewed);
};

export const closeEphemeralResource: RpcHandler<tf.CloseEphemeralResource_Request, tf.CloseEphemeralResource_Response> = async (
  request,
  diagnostics,
  adapter,
) => {
  await adapter.server.closeEphemeral(request.type_name ?? '', bytes(request.private), diagnostics);
  return {};
};
