// The gRPC adapter for the tfplugin6.Provider service: one handler per RPC (handlers/),
// each decoding its request with the schema of its type, calling the protocol-free
// ProviderServer and encoding the answer. This module wraps them for the gRPC server
// (grpc-server.ts). Domain problems always come back as diagnostics, never as gRPC errors.
import { Diagnostics } from '../framework/diagnostics.ts';
import type { ProviderServer } from '../framework/server.ts';
import type { ProviderRpcs } from './generated/tfplugin6.ts';
import { Adapter, type Answer, type RpcHandler } from './handlers/adapter.ts';
import { readDataSource, validateDataResourceConfig } from './handlers/data-sources.ts';
import { closeEphemeralResource, openEphemeralResource, renewEphemeralResource, validateEphemeralResourceConfig } from './handlers/ephemeral.ts';
import { callFunction, getFunctions, getMetadata, getProviderSchema, getResourceIdentitySchemas } from './handlers/metadata.ts';
import { configureProvider, stopProvider, validateProviderConfig } from './handlers/provider.ts';
import {
  applyResourceChange,
  importResourceState,
  moveResourceState,
  planResourceChange,
  readResource,
  upgradeResourceState,
  validateResourceConfig,
} from './handlers/resources.ts';
import type { Logger } from './logging.ts';
import { toProtoDiagnostics } from './to-proto.ts';

export type RpcName = keyof ProviderRpcs;
export type RpcRequest<N extends RpcName> = ProviderRpcs[N]['request'];
export type RpcResponse<N extends RpcName> = ProviderRpcs[N]['response'];

/** Every RPC of the service, so that a missing handler is a type error. */
const HANDLERS: { [N in RpcName]: RpcHandler<RpcRequest<N>, RpcResponse<N>> } = {
  GetMetadata: getMetadata,
  GetProviderSchema: getProviderSchema,
  GetResourceIdentitySchemas: getResourceIdentitySchemas,
  ValidateProviderConfig: validateProviderConfig,
  ConfigureProvider: configureProvider,
  StopProvider: stopProvider,
  ValidateResourceConfig: validateResourceConfig,
  UpgradeResourceState: upgradeResourceState,
  ReadResource: readResource,
  PlanResourceChange: planResourceChange,
  ApplyResourceChange: applyResourceChange,
  ImportResourceState: importResourceState,
  MoveResourceState: moveResourceState,
  ValidateDataResourceConfig: validateDataResourceConfig,
  ReadDataSource: readDataSource,
  ValidateEphemeralResourceConfig: validateEphemeralResourceConfig,
  OpenEphemeralResource: openEphemeralResource,
  RenewEphemeralResource: renewEphemeralResource,
  CloseEphemeralResource: closeEphemeralResource,
  GetFunctions: getFunctions,
  CallFunction: callFunction,
};

/** A unary handler, as GrpcServer.addService takes it. */
export type UnaryHandler<Request, Response> = (request: Request) => Promise<Response>;

/** Diagnostics in, diagnostics out: a handler's own failure becomes an error diagnostic, never a transport error. */
function unary<N extends RpcName>(
  name: N,
  handler: RpcHandler<RpcRequest<N>, RpcResponse<N>>,
  adapter: Promise<Adapter>,
  logger: Logger,
): UnaryHandler<RpcRequest<N>, RpcResponse<N>> {
  return async (request) => {
    const started = logger.enabled('trace') ? performance.now() : 0;
    const diagnostics = new Diagnostics();
    let answer: Answer<RpcResponse<N>>;
    try {
      answer = await handler(request, diagnostics, await adapter);
    } catch (error: unknown) {
      // Only codec or adapter bugs land here: ProviderServer already guards provider code.
      diagnostics.error(`${name} failed inside the provider`, String((error as Error)?.stack ?? error));
      answer = {} as Answer<RpcResponse<N>>;
    }
    if (started) {
      const typeName = (request as { type_name?: string }).type_name;
      logger.log('trace', `served ${name}`, {
        tf_rpc: name,
        tf_type: typeName,
        diagnostics: diagnostics.items.length,
        ms: Math.round(performance.now() - started),
      });
    }
    // Messages without a diagnostics field (StopProvider, CallFunction) drop it when encoded.
    return { ...answer, diagnostics: toProtoDiagnostics(diagnostics.items) } as RpcResponse<N>;
  };
}

export type ProviderService = { [N in RpcName]: UnaryHandler<RpcRequest<N>, RpcResponse<N>> };

/**
 * The service for a core that may still be loading: serve() announces the handshake before the
 * provider's own modules are evaluated, and each RPC waits for the core (at most once).
 */
export function createProviderService<Client>(server: ProviderServer<Client> | Promise<ProviderServer<Client>>, logger: Logger): ProviderService {
  const adapter = Promise.resolve(server).then((core) => new Adapter(core as ProviderServer<unknown>));
  const wrap = <N extends RpcName>(name: N) => unary(name, HANDLERS[name], adapter, logger);
  return Object.fromEntries((Object.keys(HANDLERS) as RpcName[]).map((name) => [name, wrap(name)])) as ProviderService;
}
