// Is client-supplied key material random enough to be a key? A checksum only proves a
// token was not mistyped; `wdn_000…0002CZclj` passes it. One rule, shared by the server
// (which refuses weak material with 422 weak_key_material) and the SDK, CLI and provider
// (which refuse it before any request).
//
// The body is 43 base62 characters (256 bits when random). The estimate is deliberately
// simple and conservative:
//   bits = (characters not predictable from earlier ones) × log2(alphabet)
// where a character is predictable when it continues a constant step (`aaaa`, `abcd`,
// `2468`) or lies in a stretch of 4 or more that repeats an earlier stretch, and the
// alphabet is the smaller of the character classes used (digits 10, upper 26, lower 26)
// and twice the number of distinct characters seen. Material with fewer than 17 distinct
// characters (hex is at most 16) is refused outright. Random material scores about 250
// bits (the lowest of 300,000 random tokens scored 214); the floor is 200.
import { TOKEN_PREFIX } from './token.ts';

export const MIN_KEY_MATERIAL_BITS = 200;
const MIN_DISTINCT = 17;
const BODY_LENGTH = 43;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MIN_REPEAT = 4;

export interface KeyMaterialAssessment {
  /** The estimate in bits (see the module comment). */
  bits: number;
  distinct: number;
  /** Why the material is refused, phrased for an error message; undefined when it is fine. */
  problem?: string;
}

/** Marks characters that continue a constant step from the two before them. */
function markSteps(indices: number[], predicted: boolean[]): void {
  for (let i = 2; i < indices.length; i++) {
    const step = indices[i - 1]! - indices[i - 2]!;
    if ((indices[i]! - indices[i - 1]! - step) % ALPHABET.length === 0) {
      predicted[i] = true;
    }
  }
}

/** Marks stretches of MIN_REPEAT or more characters that copy an earlier stretch. */
function markRepeats(body: string, predicted: boolean[]): void {
  for (let i = 1; i < body.length;) {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      let length = 0;
      while (i + length < body.length && body[j + length] === body[i + length]) {
        length++;
      }
      longest = Math.max(longest, length);
    }
    if (longest >= MIN_REPEAT) {
      predicted.fill(true, i, i + longest);
      i += longest;
    } else {
      i++;
    }
  }
}

/** Assesses the random body of a well-formed token (`wdn_` + 43 + checksum). */
export function assessKeyMaterial(token: string): KeyMaterialAssessment {
  const body = token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + BODY_LENGTH);
  const indices = [...body].map((c) => ALPHABET.indexOf(c));
  const predicted = new Array<boolean>(body.length).fill(false);
  markSteps(indices, predicted);
  markRepeats(body, predicted);
  const distinct = new Set(body).size;
  const classes = (/[0-9]/.test(body) ? 10 : 0) + (/[A-Z]/.test(body) ? 26 : 0) + (/[a-z]/.test(body) ? 26 : 0);
  const alphabet = Math.max(1, Math.min(classes, 2 * distinct));
  const free = predicted.filter((p) => !p).length;
  const bits = Math.floor(free * Math.log2(alphabet));
  if (distinct < MIN_DISTINCT) {
    return {
      bits,
      distinct,
      problem: `its random part uses only ${distinct} distinct characters (random material has about 31); generate it with generateToken()`,
    };
  }
  if (bits < MIN_KEY_MATERIAL_BITS) {
    return {
      bits,
      distinct,
      problem: `its random part looks like about ${bits} bits (runs, sequences, repeats or a small alphabet), below the ${MIN_KEY_MATERIAL_BITS} required; generate it with generateToken()`,
    };
  }
  return { bits, distinct };
}

/** Why the material is too weak to be a key, or undefined when it is fine. */
export function weakKeyMaterialProblem(token: string): string | undefined {
  return assessKeyMaterial(token).problem;
}
