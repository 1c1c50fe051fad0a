// Serves a provider definition to Terraform: cookie check, unix socket in a short temp
// dir, AutoMTLS when Terraform sends its certificate, the handshake line, then the gRPC
// server with go-plugin's side services. Exits promptly on Shutdown. Terraform starts a
// provider several times per command, so the handshake comes first: grpc-js, the protocol's
// message encoders and a definition given as a loader are all loaded after it, while
// Terraform connects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderDefinition } from '../framework/definitions.ts';
import { listenEarly } from './early-listener.ts';
import { announce, launchProblem } from './handshake.ts';
import { createLogger } from './logging.ts';

/** go-plugin (Go providers) accepts 256 MB messages; grpc-js defaults to 4 MB. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** A provider named up front, with its definition imported only once the handshake is out. */
export interface LazyProvider<Client> {
  typeName: string;
  load: () => Promise<ProviderDefinition<Client>>;
}

/** Runs `provider` as a Terraform plugin until Terraform shuts it down. */
export async function serve<Client>(provider: ProviderDefinition<Client> | LazyProvider<Client>): Promise<void> {
  const refusal = launchProblem(provider.typeName);
  if (refusal) {
    process.stderr.write(refusal);
    process.exit(1);
  }
  const logger = createLogger(`provider.terraform-provider-${provider.typeName}`);
  // Terraform forwards Ctrl-C as StopProvider; dying on SIGINT would abandon an apply midway.
  process.on('SIGINT', () => logger.log('debug', 'SIGINT received; waiting for StopProvider or Shutdown'));

  const dir = mkdtempSync(join(tmpdir(), 'tfp-'));
  const socketPath = join(dir, 'plugin.sock');
  const exit = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

  // The handshake needs only a listening socket and, under AutoMTLS, our certificate; the
  // gRPC server, the protocol's encoders and the provider definition load after it, while
  // Terraform connects.
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const [listener, tls] = await Promise.all([
    listenEarly(socketPath),
    clientCert ? import('./tls.ts').then(({ createTlsMaterial }) => createTlsMaterial()) : undefined,
  ]);
  announce(socketPath, tls?.certForHandshake);

  const [grpc, { loadServices, warmDescriptor }, { createProviderService }, { ProviderServer }] = await Promise.all([
    import('@grpc/grpc-js'),
    import('./protos.ts'),
    import('./provider-service.ts'),
    import('../framework/server.ts'),
  ]);
  const services = loadServices();
  let markReady = () => undefined as void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const definition = 'load' in provider ? ready.then(provider.load) : Promise.resolve(provider);
  const core = definition.then((loaded) => new ProviderServer(loaded, (level, message, fields) => logger.log(level, message, fields)));
  // A declaration error must still end the process loudly, as it did before the handshake.
  core.catch((error: unknown) => {
    process.stderr.write(`terraform-provider-${provider.typeName} failed to load: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });

  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    // Nobody queries channelz here; its per-message bookkeeping showed up in plan profiles.
    'grpc.enable_channelz': 0,
  });
  server.addService(services.provider, createProviderService(core, logger));
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: (error: null, response: object) => void) => {
      callback(null, {});
      // Let the reply leave before the process goes.
      setImmediate(exit);
    },
  });
  server.addService(services.stdio, {
    // Kept open and idle: nothing is ever written to stdout after the handshake.
    StreamStdio: () => undefined,
  });
  server.addService(services.health, {
    Check: (call: { request: { service?: string } }, callback: (error: null, response: object) => void) =>
      callback(null, { status: !call.request.service || call.request.service === 'plugin' ? 'SERVING' : 'SERVICE_UNKNOWN' }),
  });

  const credentials =
    tls && clientCert
      ? grpc.ServerCredentials.createSsl(Buffer.from(clientCert), [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }], true)
      : grpc.ServerCredentials.createInsecure();
  const injector = server.createConnectionInjector(credentials);
  listener.handTo((socket) => injector.injectConnection(socket));
  setImmediate(() => {
    warmDescriptor();
    markReady();
  });
  logger.log('debug', 'serving', { socket: socketPath, tls: Boolean(tls) });
}
