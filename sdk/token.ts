// The Warden token format: `wdn_` + 43 base62 characters (256 random bits) + 6 base62
// characters of CRC32 over the body. It lives in the SDK so that clients, scanners and
// the server share one definition and a mistyped token is caught without a round trip.
export const TOKEN_PREFIX = 'wdn_';
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = TOKEN_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
/** How many leading characters of a token are kept and shown as its public prefix. */
export const PUBLIC_PREFIX_LENGTH = 12;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_SHAPE = /^wdn_[0-9A-Za-z]{49}$/;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string; Node 20 has no zlib.crc32. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function toBase62(value: bigint, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(width, '0');
}

/** Six base62 digits of the body's CRC-32; in Number arithmetic, which a 32-bit value fits (BigInt costs servers a microsecond per request). */
function checksumOf(body: string): string {
  let rest = crc32(body);
  let out = '';
  for (let digit = 0; digit < CHECKSUM_LENGTH; digit++) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/** Random bytes from Web Crypto (Node's global `crypto` and browsers alike), so the SDK needs no Node module here. */
function randomBytes(size: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(size));
}

/** A fresh token from 32 random bytes. */
export function generateToken(random: (size: number) => Uint8Array = randomBytes): string {
  const hex = Array.from(random(32), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const body = toBase62(BigInt('0x' + hex), BODY_LENGTH);
  return TOKEN_PREFIX + body + checksumOf(body);
}

/** A token made from a given 43-character base62 body (its checksum appended). */
export function tokenFromBody(body: string): string {
  if (!/^[0-9A-Za-z]{43}$/.test(body)) {
    throw new Error(`a token body is ${BODY_LENGTH} base62 characters`);
  }
  return TOKEN_PREFIX + body + checksumOf(body);
}

/** True when the text has the token shape and its checksum matches. */
export function isWellFormedToken(text: string): boolean {
  if (!TOKEN_SHAPE.test(text)) {
    return false;
  }
  const body = text.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + BODY_LENGTH);
  return text.slice(TOKEN_PREFIX.length + BODY_LENGTH) === checksumOf(body);
}

/** The public, non-secret identification prefix of a token. */
export function publicPrefix(token: string): string {
  return token.slice(0, PUBLIC_PREFIX_LENGTH);
}

/** Explains why a would-be token is rejected, without echoing the token. */
export function describeTokenProblem(text: string): string | undefined {
  if (!text.startsWith(TOKEN_PREFIX)) {
    return `a Warden API key starts with "${TOKEN_PREFIX}"`;
  }
  if (text.length !== TOKEN_LENGTH) {
    return `a Warden API key has ${TOKEN_LENGTH} characters, this one has ${text.length}`;
  }
  if (!isWellFormedToken(text)) {
    return 'the API key checksum does not match: it was mistyped or truncated';
  }
  return undefined;
}
