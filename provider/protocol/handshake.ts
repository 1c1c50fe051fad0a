// go-plugin start-up: check the magic cookie, pick protocol 6, create the AutoMTLS
// certificate when Terraform sent its own, and print the single handshake line.
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { writeSync } from 'node:fs';

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

export function checkLaunchedByTerraform(): string | undefined {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return (
      'This is terraform-provider-warden, a Terraform plugin. It is started by Terraform, not by hand.\n' +
      'Install it through a filesystem mirror (see the Warden README) and run `terraform init`.\n'
    );
  }
  const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? '6').split(',').map((v) => v.trim());
  if (!versions.includes('6')) {
    return `Terraform offered plugin protocol versions ${versions.join(', ')}; this provider speaks only 6 (Terraform ≥ 1.0).\n`;
  }
  return undefined;
}

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
  /** DER, base64 without padding, for the handshake line. */
  certForHandshake: string;
  clientCertPem: string;
}

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** A fresh self-signed server certificate for AutoMTLS, valid for localhost. */
export async function createTlsMaterial(clientCertPem: string): Promise<TlsMaterial> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex'),
    name: 'CN=localhost, O=HashiCorp',
    notBefore: new Date(now - 30_000),
    notAfter: new Date(now + 24 * 3_600_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    keyPem: pem('PRIVATE KEY', pkcs8),
    certPem: cert.toString('pem'),
    certForHandshake: Buffer.from(cert.rawData).toString('base64').replace(/=+$/, ''),
    clientCertPem: clientCertPem,
  };
}

/** The one line Terraform reads from stdout; written synchronously so nothing can precede it. */
export function announce(socketPath: string, tls: TlsMaterial | undefined): void {
  writeSync(1, `1|6|unix|${socketPath}|grpc|${tls?.certForHandshake ?? ''}\n`);
}
