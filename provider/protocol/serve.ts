// Serves a provider definition to Terraform: cookie check, unix socket in a short temp
// dir, AutoMTLS when Terraform asks for it, the go-plugin side services, then the
// handshake line. Exits promptly on Shutdown.
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderDefinition } from '../framework/definitions.ts';
import { announce, checkLaunchedByTerraform, createTlsMaterial } from './handshake.ts';
import { log } from './logging.ts';
import { createProviderService, loadProtos } from './server.ts';

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export async function serve<Client>(provider: ProviderDefinition<Client>, protoDirectory: string): Promise<void> {
  const refusal = checkLaunchedByTerraform();
  if (refusal) {
    process.stderr.write(refusal);
    process.exit(1);
  }
  // Terraform forwards Ctrl-C as StopProvider; dying on SIGINT would abandon an apply midway.
  process.on('SIGINT', () => log('debug', 'SIGINT received; waiting for StopProvider or Shutdown'));

  const protos = loadProtos(protoDirectory);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  const dir = mkdtempSync(join(tmpdir(), 'wdn-'));
  const socketPath = join(dir, 'p.sock');
  const exit = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };

  // On StopProvider, requests already sent to the server are allowed to finish: their
  // results reach state, so an interrupted apply leaves no orphaned key behind.
  server.addService(protos.tfplugin6.Provider.service, createProviderService(provider, () => log('info', 'StopProvider: finishing work in flight')));
  server.addService(protos.plugin.GRPCController.service, {
    Shutdown: (_call: unknown, callback: (e: null, r: object) => void) => {
      callback(null, {});
      setImmediate(exit);
    },
  });
  server.addService(protos.plugin.GRPCStdio.service, {
    // Kept open and idle: the provider writes nothing to stdout after the handshake.
    StreamStdio: () => undefined,
  });
  server.addService(protos.grpc.health.v1.Health.service, {
    Check: (_call: unknown, callback: (e: null, r: object) => void) => callback(null, { status: 'SERVING' }),
  });

  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  const tls = clientCert ? await createTlsMaterial(clientCert) : undefined;
  const credentials = tls
    ? grpc.ServerCredentials.createSsl(Buffer.from(tls.clientCertPem), [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }], true)
    : grpc.ServerCredentials.createInsecure();

  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix://${socketPath}`, credentials, (error) => (error ? reject(error) : resolve())),
  );
  announce(socketPath, tls);
  log('debug', 'provider serving', { socket: socketPath, tls: Boolean(tls) });
}
