// Serves a provider definition to Terraform: cookie check, unix socket in a short temp
// dir, AutoMTLS when Terraform sends its certificate, the handshake line, then the gRPC
// server with go-plugin's side services. Exits promptly on Shutdown. Terraform starts a
// provider several times per command, so the handshake comes first: the gRPC server, the
// protocol's message encoders and a definition given as a loader are all loaded after it, while
// Terraform connects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderDefinition } from '../framework/definitions.ts';
import { listenEarly } from './early-listener.ts';
import { announce, launchProblem } from './handshake.ts';
import { createLogger } from './logging.ts';

/** go-plugin (Go providers) accepts 256 MB messages; so do we. */
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

  const [{ GrpcServer }, { loadServices, warmDescriptor }, { createProviderService }, { ProviderServer }] = await Promise.all([
    import('./grpc-server.ts'),
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

  const server = new GrpcServer({
    maxMessageBytes: MAX_MESSAGE_BYTES,
    tls: tls && clientCert ? { keyPem: tls.keyPem, certPem: tls.certPem, clientCertPem: clientCert } : undefined,
  });
  server.addService(services.provider, createProviderService(core, logger));
  server.addService(services.controller, {
    Shutdown: () => {
      // Let the reply leave before the process goes.
      setImmediate(exit);
      return {};
    },
  });
  // Kept open and idle: nothing is ever written to stdout after the handshake.
  server.addService(services.stdio, { StreamStdio: 'idle-stream' });
  server.addService(services.health, {
    Check: (request: { service?: string }) => ({ status: !request.service || request.service === 'plugin' ? 'SERVING' : 'SERVICE_UNKNOWN' }),
  });
  listener.handTo((socket) => server.injectConnection(socket));
  setImmediate(() => {
    warmDescriptor();
    markReady();
  });
  logger.log('debug', 'serving', { socket: socketPath, tls: Boolean(tls) });
}
