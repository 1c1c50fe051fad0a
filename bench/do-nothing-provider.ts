// The floor for any out-of-process Node provider: `nothing_thing` resources served over
// grpc-js with .proto files loaded by proto-loader, AutoMTLS and the go-plugin handshake,
// answering every RPC with no work (plan = proposal, apply = plan, read = state). Bundled
// and installed into a filesystem mirror by bench/mirrors.ts, like the real provider.
//
// With NOTHING_SCHEMA set to a `terraform providers schema -json` file it serves that
// provider's resource types and schemas instead (bench/plan-scale.ts points it at Warden's),
// so Terraform's own work on objects of that size is in the floor too. Apply then has to
// give computed attributes a value, the only work it does.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { announce, launchProblem } from '../provider/protocol/handshake.ts';
import { createTlsMaterial } from '../provider/protocol/tls.ts';

const refusal = launchProblem('nothing');
if (refusal) {
  process.stderr.write(refusal);
  process.exit(1);
}
process.on('SIGINT', () => undefined);

type Callback = (error: null, response: object) => void;
// The .proto text is loaded at run time, so requests and services are untyped here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Untyped = any;
type Call = { request: Record<string, Untyped> };

const dir = fileURLToPath(new URL('.', import.meta.url));
const protos: Untyped = grpc.loadPackageDefinition(
  protoLoader.loadSync(
    ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'].map((f) => join(dir, f)),
    {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    },
  ),
);

interface JsonAttribute {
  type: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}
interface JsonSchema {
  version: number;
  block: { attributes?: Record<string, JsonAttribute> };
}

/** The resource types to serve, as `terraform providers schema -json` describes them. */
function resourceSchemas(): Record<string, JsonSchema> {
  const file = process.env.NOTHING_SCHEMA;
  if (!file) {
    return { nothing_thing: { version: 0, block: { attributes: { input: { type: 'string', required: true } } } } };
  }
  const providers = (JSON.parse(readFileSync(file, 'utf8')) as { provider_schemas: Record<string, { resource_schemas: Record<string, JsonSchema> }> })
    .provider_schemas;
  return Object.values(providers)[0]!.resource_schemas;
}
const jsonSchemas = resourceSchemas();
const toProto = (schema: JsonSchema) => ({
  version: schema.version,
  block: {
    version: 0,
    attributes: Object.entries(schema.block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: a.required ?? false,
      optional: a.optional ?? false,
      computed: a.computed ?? false,
      sensitive: a.sensitive ?? false,
    })),
    block_types: [],
  },
});

// Terraform marks an unknown value as msgpack extension 0.
const UNKNOWN = Symbol('unknown');
const codec = new ExtensionCodec();
codec.register({ type: 0, encode: () => null, decode: () => UNKNOWN });
let made = 0;
/** A value of the attribute's type for a computed attribute the plan left unknown. */
const madeUp = (type: unknown): unknown => {
  if (type === 'string') {
    return `made-up-value-${++made}`;
  }
  return type === 'number' ? 0 : type === 'bool' ? false : Array.isArray(type) && type[0] === 'map' ? {} : [];
};
function applied(typeName: string, planned: Buffer): Buffer {
  const value = decode(planned, { extensionCodec: codec }) as Record<string, unknown> | null;
  if (value && typeof value === 'object') {
    for (const [name, attribute] of Object.entries(jsonSchemas[typeName]?.block.attributes ?? {})) {
      if (value[name] === UNKNOWN) {
        value[name] = madeUp(attribute.type);
      }
    }
  }
  return Buffer.from(encode(value));
}

const resourceTypes = Object.keys(jsonSchemas);
const answers: Record<string, (request: Record<string, Untyped>) => object> = {
  GetMetadata: () => ({ server_capabilities: { plan_destroy: true }, resources: resourceTypes.map((type_name) => ({ type_name })) }),
  GetProviderSchema: () => ({
    provider: { version: 0, block: { version: 0, attributes: [], block_types: [] } },
    resource_schemas: Object.fromEntries(resourceTypes.map((type) => [type, toProto(jsonSchemas[type]!)])),
    server_capabilities: { plan_destroy: true },
  }),
  // Stored state arrives as JSON; hand it back as msgpack, the least any provider must do.
  UpgradeResourceState: (r) => ({ upgraded_state: { msgpack: Buffer.from(encode(JSON.parse(r.raw_state.json.toString()))) } }),
  ReadResource: (r) => ({ new_state: r.current_state, private: r.private }),
  PlanResourceChange: (r) => ({ planned_state: r.proposed_new_state, planned_private: r.prior_private }),
  ApplyResourceChange: (r) => ({
    new_state: r.planned_state?.msgpack?.length ? { msgpack: applied(r.type_name, r.planned_state.msgpack) } : r.planned_state,
    private: r.planned_private,
  }),
};
const service = new Proxy({} as Record<string, (call: Call, callback: Callback) => void>, {
  get: (_target, name: string) => (call: Call, callback: Callback) => callback(null, answers[name]?.(call.request) ?? {}),
});

const server = new grpc.Server({ 'grpc.max_receive_message_length': 256 << 20, 'grpc.max_send_message_length': 256 << 20 });
const socketDir = mkdtempSync(join(tmpdir(), 'tfp-nothing-'));
process.on('exit', () => rmSync(socketDir, { recursive: true, force: true }));
const methods = (definition: Record<string, unknown>) => Object.fromEntries(Object.keys(definition).map((name) => [name, service[name]!]));
server.addService(protos.tfplugin6.Provider.service, methods(protos.tfplugin6.Provider.service));
server.addService(protos.plugin.GRPCController.service, {
  Shutdown: (_call: Call, callback: Callback) => {
    callback(null, {});
    setImmediate(() => process.exit(0));
  },
});
server.addService(protos.plugin.GRPCStdio.service, { StreamStdio: () => undefined });
server.addService(protos.grpc.health.v1.Health.service, { Check: (_call: Call, callback: Callback) => callback(null, { status: 'SERVING' }) });

const clientCert = process.env.PLUGIN_CLIENT_CERT;
const tls = clientCert ? await createTlsMaterial() : undefined;
const credentials =
  tls && clientCert
    ? grpc.ServerCredentials.createSsl(Buffer.from(clientCert), [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }], true)
    : grpc.ServerCredentials.createInsecure();
const socketPath = join(socketDir, 'plugin.sock');
await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socketPath}`, credentials, (error) => (error ? reject(error) : resolve())));
announce(socketPath, tls?.certForHandshake);
