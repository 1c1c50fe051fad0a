// RPCs about the provider itself: validating and applying its configuration, and
// StopProvider (Ctrl-C), which aborts the signal every hook in flight holds.
import type * as tf from '../generated/tfplugin6.ts';
import type { RpcHandler } from './adapter.ts';

export const validateProviderConfig: RpcHandler<tf.ValidateProviderConfig_Request, tf.ValidateProviderConfig_Response> = async (
  request,
  diagnostics,
  adapter,
) => {
  const config = adapter.decode(request.config, adapter.server.provider.schema);
  await adapter.server.validateProviderConfig(config ?? {}, diagnostics);
  return {};
};

export const configureProvider: RpcHandler<tf.ConfigureProvider_Request, tf.ConfigureProvider_Response> = async (request, diagnostics, adapter) => {
  const config = adapter.decode(request.config, adapter.server.provider.schema);
  await adapter.server.configure(config ?? {}, request.terraform_version ?? '', diagnostics);
  return {};
};

export const stopProvider: RpcHandler<tf.StopProvider_Request, tf.StopProvider_Response> = async (_request, _diagnostics, adapter) => {
  adapter.server.stop();
  return { Error: '' };
};
