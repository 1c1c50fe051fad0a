// The gRPC service definitions of the plugin protocol, built from the descriptor that
// scripts/generate-protocol.ts precompiled from the .proto files. Nothing is parsed or
// read from disk at start-up: the JSON is imported (and inlined by the bundler), and the
// light protobufjs build turns it into encoders without the .proto parser.
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import protobuf from 'protobufjs/light.js';
import descriptor from './generated/descriptor.json' with { type: 'json' };

/**
 * How messages look to handlers: snake_case names, int64 as number, enums by name. Absent
 * fields stay absent (no defaults): filling them costs an allocation per empty bytes field
 * on every request, and the generated types make handlers treat every field as optional.
 */
const CONVERSION: protobuf.IConversionOptions = { longs: Number, enums: String, oneofs: true };

function methodDefinition(service: protobuf.Service, method: protobuf.Method): MethodDefinition<object, object> {
  method.resolve();
  const request = method.resolvedRequestType!;
  const response = method.resolvedResponseType!;
  const serialize = (type: protobuf.Type) => (value: object) => Buffer.from(type.encode(type.fromObject(value)).finish());
  const deserialize = (type: protobuf.Type) => (bytes: Buffer) => type.toObject(type.decode(bytes), CONVERSION);
  return {
    path: `/${service.fullName.slice(1)}/${method.name}`,
    requestStream: Boolean(method.requestStream),
    responseStream: Boolean(method.responseStream),
    requestSerialize: serialize(request),
    requestDeserialize: deserialize(request),
    responseSerialize: serialize(response),
    responseDeserialize: deserialize(response),
  };
}

/** The grpc-js definition of one service, e.g. "tfplugin6.Provider". */
function serviceDefinition(root: protobuf.Root, name: string): ServiceDefinition {
  const service = root.lookupService(name);
  return Object.fromEntries(service.methodsArray.map((method) => [method.name, methodDefinition(service, method)]));
}

export interface PluginServices {
  provider: ServiceDefinition;
  controller: ServiceDefinition;
  stdio: ServiceDefinition;
  health: ServiceDefinition;
}

/** Every service a go-plugin provider serves: tfplugin6, go-plugin's controller and stdio, health. */
export function loadServices(): PluginServices {
  const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  return {
    provider: serviceDefinition(root, 'tfplugin6.Provider'),
    controller: serviceDefinition(root, 'plugin.GRPCController'),
    stdio: serviceDefinition(root, 'plugin.GRPCStdio'),
    health: serviceDefinition(root, 'grpc.health.v1.Health'),
  };
}
