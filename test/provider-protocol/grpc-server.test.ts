// The provider's own gRPC server (grpc-server.ts), called by an independent client (grpc-js)
// over a unix socket as Terraform calls it: unary answers, the statuses a caller can act on,
// the size limit, the idle stdio stream, and AutoMTLS refusing a stranger's certificate.
// toy-e2e.test.ts and the provider tests prove the same server against the real terraform.
import { credentials, makeGenericClientConstructor, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrpcError, GrpcServer, Status, type ServiceDefinition } from '../../provider/protocol/grpc-server.ts';
import { loadServices } from '../../provider/protocol/protos.ts';
import { createTlsMaterial } from '../../provider/protocol/tls.ts';

const services = loadServices();
const dir = mkdtempSync(join(tmpdir(), 'grpc-server-test-'));
const listeners: Server[] = [];
const clients: Client[] = [];
afterAll(() => {
  clients.forEach((client) => client.close());
  listeners.forEach((listener) => listener.close());
  rmSync(dir, { recursive: true, force: true });
});

/** Listens on a fresh unix socket and hands every connection to `server`, as serve() does. */
async function listen(server: GrpcServer, name: string): Promise<string> {
  const path = join(dir, name);
  const listener = createServer((socket) => server.injectConnection(socket));
  listeners.push(listener);
  await new Promise<void>((resolve) => listener.listen(path, resolve));
  return path;
}

type Callback = (error: ServiceError | null, response?: Record<string, unknown>) => void;
type UnaryCall = (request: object, callback: Callback) => void;
type Stub = Client & Record<string, UnaryCall>;

function client(definition: ServiceDefinition, socket: string, channel = credentials.createInsecure(), options = {}): Stub {
  const Constructor = makeGenericClientConstructor(definition as never, 'test');
  const stub = new Constructor(`unix://${socket}`, channel, options) as Stub;
  clients.push(stub);
  return stub;
}

const call = (stub: Stub, method: string, request: object) =>
  new Promise<Record<string, unknown>>((resolve, reject) =>
    stub[method]!.call(stub, request, (error, response) => (error ? reject(error) : resolve(response!))),
  );

describe('GrpcServer over plaintext', () => {
  let provider: Stub;
  let health: Stub;
  let socket: string;

  beforeAll(async () => {
    const server = new GrpcServer({ maxMessageBytes: 64 * 1024 });
    server.addService(services.provider, {
      GetMetadata: () => ({ resources: [{ type_name: 'toy_thing' }] }),
      // Asynchronous answers, as the provider's own handlers give.
      ValidateResourceConfig: async (request: { type_name?: string }) => ({
        diagnostics: [{ severity: 'ERROR', summary: `checked ${request.type_name}` }],
      }),
      ReadResource: () => {
        throw new GrpcError(Status.INVALID_ARGUMENT, 'no such resource type: %s ü');
      },
      PlanResourceChange: () => {
        throw new Error('a bug');
      },
    });
    server.addService(services.health, { Check: () => ({ status: 'SERVING' }) });
    server.addService(services.stdio, { StreamStdio: 'idle-stream' });
    socket = await listen(server, 'plain.sock');
    provider = client(services.provider, socket);
    health = client(services.health, socket);
  });

  it('answers unary calls, synchronous and asynchronous, on one connection', async () => {
    const [metadata, validated, checked] = await Promise.all([
      call(provider, 'GetMetadata', {}),
      call(provider, 'ValidateResourceConfig', { type_name: 'toy_thing' }),
      call(health, 'Check', { service: 'plugin' }),
    ]);
    expect(metadata.resources).toEqual([{ type_name: 'toy_thing' }]);
    expect(validated.diagnostics).toEqual([expect.objectContaining({ severity: 'ERROR', summary: 'checked toy_thing' })]);
    expect(checked.status).toBe('SERVING');
  });

  it('answers many concurrent calls, each with its own answer', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `type_${i}`);
    const answers = await Promise.all(names.map((type_name) => call(provider, 'ValidateResourceConfig', { type_name })));
    expect(answers.map((a) => (a.diagnostics as { summary: string }[])[0]!.summary)).toEqual(names.map((n) => `checked ${n}`));
  });

  it("passes a handler's gRPC status and message on, percent-encoded on the wire", async () => {
    await expect(call(provider, 'ReadResource', {})).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT, details: 'no such resource type: %s ü' });
  });

  it('turns any other failure into INTERNAL', async () => {
    await expect(call(provider, 'PlanResourceChange', {})).rejects.toMatchObject({ code: Status.INTERNAL, details: 'a bug' });
  });

  it('answers UNIMPLEMENTED for a method without a handler, and for an unknown path', async () => {
    await expect(call(provider, 'ApplyResourceChange', {})).rejects.toMatchObject({ code: Status.UNIMPLEMENTED });
    const unknown = client({ Nope: { ...services.health.Check!, path: '/nope.Service/Nope' } }, socket);
    await expect(call(unknown, 'Nope', {})).rejects.toMatchObject({ code: Status.UNIMPLEMENTED, details: expect.stringContaining('/nope.Service/Nope') });
  });

  it('refuses a message above the limit with RESOURCE_EXHAUSTED and keeps serving', async () => {
    const big = { type_name: 'toy_thing', config: { msgpack: Buffer.alloc(100 * 1024, 1) } };
    await expect(call(provider, 'ValidateResourceConfig', big)).rejects.toMatchObject({ code: Status.RESOURCE_EXHAUSTED });
    expect((await call(provider, 'GetMetadata', {})).resources).toHaveLength(1);
  });

  it('refuses a body that is not one uncompressed message with INVALID_ARGUMENT', async () => {
    const compressed = client(services.provider, socket, credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 });
    await expect(call(compressed, 'GetMetadata', {})).rejects.toMatchObject({ code: Status.INVALID_ARGUMENT });
  });

  it('keeps the stdio stream open without writing to it', async () => {
    const stdio = client(services.stdio, socket);
    const stream = (stdio as unknown as { StreamStdio: (request: object, metadata: Metadata) => NodeJS.EventEmitter & { cancel(): void } }).StreamStdio(
      {},
      new Metadata(),
    );
    const events: string[] = [];
    stream.on('metadata', () => events.push('headers'));
    stream.on('data', () => events.push('data'));
    stream.on('status', () => events.push('status'));
    stream.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(['headers']);
    stream.cancel();
  });
});

describe('GrpcServer with large messages', () => {
  it('takes and answers messages of several megabytes, several at once', async () => {
    const server = new GrpcServer({ maxMessageBytes: 64 * 1024 * 1024 });
    server.addService(services.provider, {
      // Echoes the state it was given, as ReadResource does for an unchanged object.
      ReadResource: (request: { current_state?: { msgpack?: Uint8Array } }) => ({ new_state: { msgpack: request.current_state?.msgpack } }),
    });
    const socket = await listen(server, 'large.sock');
    const stub = client(services.provider, socket, credentials.createInsecure(), { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
    const state = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < state.length; i++) {
      state[i] = i % 251;
    }
    // Several at once, as with -parallelism: more than Node's default 10 MB of session memory.
    const answers = await Promise.all([0, 1, 2, 3].map(() => call(stub, 'ReadResource', { type_name: 'toy_thing', current_state: { msgpack: state } })));
    for (const answer of answers) {
      expect(Buffer.from((answer.new_state as { msgpack: Uint8Array }).msgpack).equals(state)).toBe(true);
    }
  });
});

describe('GrpcServer with AutoMTLS', () => {
  it('serves the client whose certificate it was given, and no other', async () => {
    const [serverTls, clientTls, stranger] = await Promise.all([createTlsMaterial(), createTlsMaterial(), createTlsMaterial()]);
    const server = new GrpcServer({ maxMessageBytes: 1024, tls: { keyPem: serverTls.keyPem, certPem: serverTls.certPem, clientCertPem: clientTls.certPem } });
    server.addService(services.health, { Check: () => ({ status: 'SERVING' }) });
    const socket = await listen(server, 'tls.sock');
    const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
    const trusted = client(
      services.health,
      socket,
      credentials.createSsl(Buffer.from(serverTls.certPem), Buffer.from(clientTls.keyPem), Buffer.from(clientTls.certPem)),
      options,
    );
    expect((await call(trusted, 'Check', {})).status).toBe('SERVING');

    const untrusted = client(
      services.health,
      socket,
      credentials.createSsl(Buffer.from(serverTls.certPem), Buffer.from(stranger.keyPem), Buffer.from(stranger.certPem)),
      options,
    );
    const deadline = new Date(Date.now() + 5_000);
    await expect(
      new Promise((resolve, reject) =>
        (untrusted.Check as unknown as (r: object, m: Metadata, o: object, c: Callback) => void)({}, new Metadata(), { deadline }, (error, response) =>
          error ? reject(error) : resolve(response),
        ),
      ),
    ).rejects.toMatchObject({ code: 14 }); // UNAVAILABLE: the TLS handshake fails
  });
});
