// go-plugin start-up: refuse to run unless Terraform launched us (magic cookie), agree on
// protocol 6, and print the single handshake line Terraform reads from stdout.
import { writeSync } from 'node:fs';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const PROTOCOL_VERSION = 6;

/** Why this process must not serve, as a message for a person at a terminal; undefined when fine. */
export function launchProblem(providerName: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return (
      `This is terraform-provider-${providerName}, a Terraform plugin. Terraform starts it; running it by hand does nothing.\n` +
      `Install it (for example through a filesystem mirror named in a CLI configuration file) and run \`terraform init\`.\n`
    );
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(',').map((v) => v.trim());
  if (!offered.includes(String(PROTOCOL_VERSION))) {
    return `Terraform offered plugin protocol versions ${offered.join(', ')}; terraform-provider-${providerName} speaks only ${PROTOCOL_VERSION} (Terraform 1.0 or newer).\n`;
  }
  return undefined;
}

/** `1|6|unix|<socket>|grpc|<cert>`: written synchronously so that nothing can precede it. */
export function handshakeLine(socketPath: string, serverCertificate: string | undefined): string {
  return `1|${PROTOCOL_VERSION}|unix|${socketPath}|grpc|${serverCertificate ?? ''}\n`;
}

export function announce(socketPath: string, serverCertificate: string | undefined): void {
  writeSync(1, handshakeLine(socketPath, serverCertificate));
}
