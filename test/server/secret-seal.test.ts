// The seal that lets idempotent replays return a secret: it opens only with the same
// Idempotency-Key and the same (organization, principal, operation, resource), refuses
// any tampering, never contains the secret or the key, and the stored lookup hash does
// not reveal the key either.
import { describe, expect, it } from 'vitest';
import { idempotencyLookupHash, openSecret, sealSecret, type SealContext } from '../../server/secret-seal.ts';

const ctx: SealContext = { orgId: 'org_1', principalId: 'sa_1', operation: 'createApiKey', resourceId: 'key_1' };
const secret = 'sealed-material-7Qm2vR9xLp4TzK8bN3cY6hW1sD5fG0jA2eU9';
const key = '6f1c2f0e-4a8b-4d3e-9b1a-0c7e5d2f8a91';

describe('secret seal', () => {
  it('opens with the same Idempotency-Key and context only', () => {
    const sealed = sealSecret(secret, key, ctx);
    expect(openSecret(sealed, key, ctx)).toBe(secret);
    expect(openSecret(sealed, `${key}x`, ctx)).toBeNull();
    for (const field of Object.keys(ctx) as (keyof SealContext)[]) {
      expect(openSecret(sealed, key, { ...ctx, [field]: `${ctx[field]}-other` }), field).toBeNull();
    }
  });

  it('refuses tampered or foreign values and holds neither secret nor key', () => {
    const sealed = sealSecret(secret, key, ctx);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret.slice(4, 20));
    expect(sealed).not.toContain(key);
    const payload = Buffer.from(sealed.slice(3), 'base64url');
    payload.writeUInt8(payload.readUInt8(payload.length - 1) ^ 1, payload.length - 1);
    expect(openSecret(`v1.${payload.toString('base64url')}`, key, ctx)).toBeNull();
    expect(openSecret(`v2.${sealed.slice(3)}`, key, ctx)).toBeNull();
    expect(openSecret('v1.', key, ctx)).toBeNull();
    expect(openSecret('garbage', key, ctx)).toBeNull();
    // Random salt and IV: the same secret seals differently each time.
    expect(sealSecret(secret, key, ctx)).not.toBe(sealed);
  });

  it('derives a stable lookup hash per principal and operation, unrelated to the key text', () => {
    const hash = idempotencyLookupHash(key, 'sa_1', 'createApiKey');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(idempotencyLookupHash(key, 'sa_1', 'createApiKey')).toBe(hash);
    expect(idempotencyLookupHash(key, 'sa_2', 'createApiKey')).not.toBe(hash);
    expect(idempotencyLookupHash(key, 'sa_1', 'createServiceAccount')).not.toBe(hash);
    expect(hash).not.toContain(Buffer.from(key).toString('hex').slice(0, 16));
  });
});
