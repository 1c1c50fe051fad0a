// Serves a provider definition to Terraform: cookie check, lazy loading, unix socket in a
// short temp dir, AutoMTLS when Terraform sends its certificate, go-plugin's side services,
// then the handshake line. Exits promptly on Shutdown. Terraform starts a provider several
// times per command, so the handshake comes first: a definition given as a loader, and the
// protocol's message encoders, are built after it, while Terraform connects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderDefinition } from '../framework/definitions.ts';
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

  // Loaded here, not at module top, so the refusal above costs nothing.
  const [grpc, { loadServices, warmDescriptor }, { createProviderService }, { ProviderServer }, { createTlsMaterial }] = await Promise.all([
    import('@grpc/grpc-js'),
    import('./protos.ts'),
    import('./provider-service.ts'),
    import('../framework/server.ts'),
    import('./tls.ts'),
  ]);
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const tlsPromise = clientCert ? createTlsMaterial() : undefined;
  const services = loadServices();
  let markAnnounced = () => undefined as void;
  const announced = new Promise<void>((resolve) => (markAnnounced = resolve));
  const definition = 'load' in provider ? announced.then(provider.load) : Promise.resolve(provider);
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
  const dir = mkdtempSync(join(tmpdir(), 'tfp-'));
  const socketPath = join(dir, 'plugin.sock');
  const exit = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

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

  const tls = await tlsPromise;
  const credentials =
    tls && clientCert
      ? grpc.ServerCredentials.createSsl(Buffer.from(clientCert), [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }], true)
      : grpc.ServerCredentials.createInsecure();
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socketPath}`, credentials, (error) => (error ? reject(error) : resolve())));
  announce(socketPath, tls?.certForHandshake);
  setImmediate(() => {
    warmDescriptor();
    markAnnounced();
  });
  logger.log('debug', 'serving', { socket: socketPath, tls: Boolean(tls) });
}
