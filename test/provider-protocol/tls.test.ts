// AutoMTLS material: the self-signed certificate written with node:crypto and DER must be
// what Go's TLS stack accepts (a CA for localhost with the usages go-plugin asks for).
// toy-e2e.test.ts proves the same against the real terraform binary.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oid, time, unsignedInteger } from '../../provider/protocol/der.ts';
import { createTlsMaterial } from '../../provider/protocol/tls.ts';

describe('createTlsMaterial', () => {
  it('makes a self-signed CA certificate for localhost, valid now, whose key matches', async () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const material = await createTlsMaterial(now);
    const certificate = new X509Certificate(material.certPem);
    expect(certificate.subject).toBe('CN=localhost');
    expect(certificate.issuer).toBe('CN=localhost');
    expect(certificate.subjectAltName).toBe('DNS:localhost');
    expect(certificate.ca).toBe(true);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(material.keyPem))).toBe(true);
    expect(new Date(certificate.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(now.getTime() + 3_600_000);
    expect(Buffer.from(material.certForHandshake, 'base64').equals(certificate.raw)).toBe(true);
    expect(material.certForHandshake).not.toMatch(/=$/);
  });

  it('makes a new key and serial every time', async () => {
    const [a, b] = await Promise.all([createTlsMaterial(), createTlsMaterial()]);
    expect(a.keyPem).not.toBe(b.keyPem);
    expect(new X509Certificate(a.certPem).serialNumber).not.toBe(new X509Certificate(b.certPem).serialNumber);
  });
});

describe('DER', () => {
  it('encodes OIDs, minimal integers and both time forms', () => {
    expect(oid('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    expect(unsignedInteger(Buffer.from([0, 0, 0x7f])).toString('hex')).toBe('02017f');
    expect(unsignedInteger(Buffer.from([0x80])).toString('hex')).toBe('02020080');
    expect(time(new Date('2026-03-01T12:00:00Z')).toString()).toContain('260301120000Z');
    expect(time(new Date('2051-01-02T03:04:05Z')).toString()).toContain('20510102030405Z');
  });
});
