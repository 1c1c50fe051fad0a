// Seals a created key's secret so that an idempotent retry can get it back from storage,
// on any replica and after a restart, while storage alone can never reveal it.
//
// The AES-256-GCM key is derived with HKDF from the request's Idempotency-Key, which the
// server never stores: storage keeps only a one-way lookup hash of it (a different HKDF
// output). Only a caller who presents the same Idempotency-Key again can open the seal.
// The organization, principal, operation and resource are bound in as HKDF info and as
// GCM additional data, so a sealed value is useless in any other row.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface SealContext {
  orgId: string;
  principalId: string;
  operation: string;
  resourceId: string;
}

const VERSION = 'v1';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function derive(ikm: string, salt: Buffer | string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(ikm, 'utf8'), salt, Buffer.from(info, 'utf8'), 32));
}

const sealInfo = (ctx: SealContext) => ['warden/idempotent-secret/v1', ctx.orgId, ctx.principalId, ctx.operation, ctx.resourceId].join('\0');

/**
 * What storage keeps instead of the Idempotency-Key: enough to find the earlier request,
 * not enough to derive the sealing key (HKDF outputs under different labels are unrelated).
 */
export function idempotencyLookupHash(idempotencyKey: string, principalId: string, operation: string): string {
  return derive(idempotencyKey, 'warden/idempotency-lookup/v1', `${principalId}\0${operation}`).toString('hex');
}

/** `v1.` + base64url(salt ‖ iv ‖ tag ‖ ciphertext). */
export function sealSecret(secret: string, idempotencyKey: string, ctx: SealContext): string {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const info = sealInfo(ctx);
  const cipher = createCipheriv('aes-256-gcm', derive(idempotencyKey, salt, info), iv);
  cipher.setAAD(Buffer.from(info, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([salt, iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/** The secret, or null when the seal does not open with this key and context. */
export function openSecret(sealed: string, idempotencyKey: string, ctx: SealContext): string | null {
  const [version, payload] = sealed.split('.');
  if (version !== VERSION || payload === undefined) {
    return null;
  }
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length <= SALT_BYTES + IV_BYTES + TAG_BYTES) {
    return null;
  }
  const salt = raw.subarray(0, SALT_BYTES);
  const iv = raw.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
  const tag = raw.subarray(SALT_BYTES + IV_BYTES, SALT_BYTES + IV_BYTES + TAG_BYTES);
  const info = sealInfo(ctx);
  try {
    const decipher = createDecipheriv('aes-256-gcm', derive(idempotencyKey, salt, info), iv);
    decipher.setAAD(Buffer.from(info, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(raw.subarray(SALT_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
