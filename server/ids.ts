// Random identifiers `<prefix>_` + 20 characters of [0-9a-z] (~103 bits), as the contract's
// id patterns require. Random rather than sequential so ids leak no counts.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'org' | 'sa' | 'usr' | 'mem' | 'inv' | 'key' | 'ra' | 'evt';

/** Membership principals of users (`mem_…`): their role assignments are not service accounts'. */
export const isMembershipId = (id: string): boolean => id.startsWith('mem_');

export function newId(prefix: IdPrefix): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) {
    out += ALPHABET[byte % 36];
  }
  return `${prefix}_${out}`;
}
