// AutoMTLS: Terraform passes its client certificate in PLUGIN_CLIENT_CERT and expects a
// fresh self-signed server certificate for "localhost" back in the handshake line (DER,
// base64 without padding). The certificate has one fixed shape, so it is written with
// node:crypto and a few lines of DER (der.ts) rather than an X.509 library: that library
// was a third of the bundle and most of the start-up cost under Terraform.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { bitString, boolean, context, octetString, oid, sequence, set, time, unsignedInteger, utf8String } from './der.ts';

export interface TlsMaterial {
  keyPem: string;
  certPem: string;
  /** DER, standard base64 without `=` padding, for the handshake line. */
  certForHandshake: string;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const LOCALHOST = sequence(set(sequence(oid('2.5.4.3'), utf8String('localhost'))));

const extension = (id: string, critical: boolean, value: Buffer) => sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

const EXTENSIONS = sequence(
  // basicConstraints: a CA (Terraform puts this certificate in its root pool), critical.
  extension('2.5.29.19', true, sequence(boolean(true))),
  // keyUsage: digitalSignature, keyEncipherment, keyCertSign (bits 0, 2, 5: 0b10100100, 2 unused), critical.
  extension('2.5.29.15', true, bitString(Buffer.from([0xa4]), 2)),
  // extKeyUsage: serverAuth, clientAuth.
  extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
  // subjectAltName: dNSName "localhost" (Go checks the SAN, not the common name).
  extension('2.5.29.17', false, sequence(context(2, false, Buffer.from('localhost')))),
);

function pem(label: string, der: Buffer): string {
  const body = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** A P-256 key and a self-signed certificate for localhost, valid from a minute ago for a day. */
export async function createTlsMaterial(now = new Date()): Promise<TlsMaterial> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(8);
  serial[0] = 0x40 | (serial[0]! & 0x3f); // positive, and minimal in DER
  const tbs = sequence(
    context(0, true, unsignedInteger(Buffer.from([2]))), // version 3
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    LOCALHOST,
    // A little slack for clock skew between the two processes.
    sequence(time(new Date(now.getTime() - 60_000)), time(new Date(now.getTime() + 24 * 3_600_000))),
    LOCALHOST,
    publicKey.export({ type: 'spki', format: 'der' }),
    context(3, true, EXTENSIONS),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: pem('CERTIFICATE', certificate),
    certForHandshake: certificate.toString('base64').replace(/=+$/, ''),
  };
}
