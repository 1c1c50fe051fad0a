// AutoMTLS: Terraform passes its client certificate in PLUGIN_CLIENT_CERT and expects a
// fresh self-signed server certificate for "localhost" back in the handshake line (DER,
// base64 without padding). Loaded lazily: the x509 library is the heaviest import.
import { webcrypto } from 'node:crypto';

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
  /** DER, standard base64 without `=` padding, for the handshake line. */
  certForHandshake: string;
}

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

export async function createTlsMaterial(): Promise<TlsMaterial> {
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=localhost',
    // A little slack for clock skew between the two processes.
    notBefore: new Date(now - 60_000),
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
  return {
    keyPem: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    certPem: certificate.toString('pem'),
    certForHandshake: Buffer.from(certificate.rawData).toString('base64').replace(/=+$/, ''),
  };
}
