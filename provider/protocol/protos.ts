// The gRPC service definitions of the plugin protocol, built from the descriptor that
// scripts/generate-protocol.ts precompiled from the .proto files. Nothing is parsed or
// read from disk at start-up: the JSON is imported (and inlined by the bundler). The gRPC
// server needs only each method's path and streaming flags to route, so those are read from
// the plain JSON; the light protobufjs build turns the descriptor into encoders on the first
// message, after the handshake, which keeps that work off the start-up path.
import protobuf from 'protobufjs/light.js';
import descriptor from './generated/descriptor.json' with { type: 'json' };
import type { MethodDefinition, ServiceDefinition } from './grpc-server.ts';

/**
 * How messages look to handlers: snake_case names, int64 as number, enums by name. Absent
 * fields stay absent (no defaults): filling them costs an allocation per empty bytes field
 * on every request, and the generated types make handlers treat every field as optional.
 */
const CONVERSION: protobuf.IConversionOptions = { longs: Number, enums: String, oneofs: true };

interface MethodJson {
  requestType: string;
  responseType: string;
  requestStream?: boolean;
  responseStream?: boolean;
}
interface NamespaceJson {
  nested?: Record<string, NamespaceJson>;
  methods?: Record<string, MethodJson>;
}

let root: protobuf.Root | undefined;
/** The reflected descriptor, built once, when the first message is encoded or decoded. */
function descriptorRoot(): protobuf.Root {
  root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  return root;
}

/** A message type resolved on first use, relative to its service as in the .proto file. */
function lazyType(serviceName: string, method: string, which: 'request' | 'response'): () => protobuf.Type {
  let type: protobuf.Type | undefined;
  return () => {
    if (!type) {
      const resolved = descriptorRoot().lookupService(serviceName).methods[method]!;
      resolved.resolve();
      type = which === 'request' ? resolved.resolvedRequestType! : resolved.resolvedResponseType!;
    }
    return type;
  };
}

const serialize = (type: () => protobuf.Type) => (value: object) => {
  const bytes = type().encode(type().fromObject(value)).finish();
  // protobufjs hands back a Buffer under Node; the copy is only for other Uint8Arrays.
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
};
const deserialize = (type: () => protobuf.Type) => (bytes: Buffer) => type().toObject(type().decode(bytes), CONVERSION);

/** The definition of one service, e.g. "tfplugin6.Provider", from the descriptor JSON alone. */
function serviceDefinition(name: string): ServiceDefinition {
  let node = descriptor as NamespaceJson;
  for (const part of name.split('.')) {
    node = node.nested?.[part] ?? {};
  }
  if (!node.methods) {
    throw new Error(`The protocol descriptor has no service ${name}; run npm run generate:protocol.`);
  }
  return Object.fromEntries(
    Object.entries(node.methods).map(([method, json]): [string, MethodDefinition] => {
      const request = lazyType(name, method, 'request');
      const response = lazyType(name, method, 'response');
      return [
        method,
        {
          path: `/${name}/${method}`,
          requestStream: Boolean(json.requestStream),
          responseStream: Boolean(json.responseStream),
          requestSerialize: serialize(request),
          requestDeserialize: deserialize(request),
          responseSerialize: serialize(response),
          responseDeserialize: deserialize(response),
        },
      ];
    }),
  );
}

export interface PluginServices {
  provider: ServiceDefinition;
  controller: ServiceDefinition;
  stdio: ServiceDefinition;
  health: ServiceDefinition;
}

/** Every service a go-plugin provider serves: tfplugin6, go-plugin's controller and stdio, health. */
export function loadServices(): PluginServices {
  return {
    provider: serviceDefinition('tfplugin6.Provider'),
    controller: serviceDefinition('plugin.GRPCController'),
    stdio: serviceDefinition('plugin.GRPCStdio'),
    health: serviceDefinition('grpc.health.v1.Health'),
  };
}

/** Builds the encoders now; serve() calls it right after the handshake, while Terraform connects. */
export function warmDescriptor(): void {
  descriptorRoot().resolveAll();
}
