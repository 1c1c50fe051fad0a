// DynamicValue encoding: msgpack in both directions (JSON accepted on input). Unknown is
// msgpack extension type 0; any extension received (including refined unknowns, type 12)
// reads as unknown. Encoding is schema-directed so every object carries every attribute.
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import { UNKNOWN, isUnknown, type TfType, type TfValue } from './types.ts';

const decoder = new Decoder({ useBigInt64: true });
const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: false });

function fromWire(raw: unknown): TfValue {
  if (raw instanceof ExtData) {
    return UNKNOWN;
  }
  if (raw === null || raw === undefined) {
    return null;
  }
  if (Array.isArray(raw)) {
    return raw.map(fromWire);
  }
  if (raw instanceof Uint8Array) {
    return Buffer.from(raw).toString('utf8');
  }
  if (typeof raw === 'object') {
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, fromWire(v)]));
  }
  if (typeof raw === 'bigint') {
    return Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
  }
  return raw as TfValue;
}

/** Brings a decoded value into the shape of its type (numbers given as strings, etc.). */
function conform(value: TfValue, type: TfType): TfValue {
  if (value === null || isUnknown(value)) {
    return value;
  }
  if (type === 'number' && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) || !/^-?\d+$/.test(value) ? n : BigInt(value);
  }
  if (typeof type === 'object') {
    if ('object' in type) {
      const obj = value as Record<string, TfValue>;
      return Object.fromEntries(Object.entries(type.object).map(([k, t]) => [k, conform(obj[k] ?? null, t)]));
    }
    if ('map' in type) {
      return Object.fromEntries(Object.entries(value as Record<string, TfValue>).map(([k, v]) => [k, conform(v, type.map)]));
    }
    const element = 'list' in type ? type.list : type.set;
    return (value as TfValue[]).map((v) => conform(v, element));
  }
  return value;
}

export function decodeDynamic(dynamic: { msgpack?: Uint8Array | null; json?: Uint8Array | null } | null | undefined, type: TfType): TfValue {
  if (dynamic?.msgpack && dynamic.msgpack.length > 0) {
    return conform(fromWire(decoder.decode(dynamic.msgpack)), type);
  }
  if (dynamic?.json && dynamic.json.length > 0) {
    return conform(parseJsonExact(Buffer.from(dynamic.json).toString('utf8')) as TfValue, type);
  }
  return null;
}

function toWire(value: TfValue, type: TfType): unknown {
  if (isUnknown(value)) {
    return new ExtData(0, new Uint8Array([0]));
  }
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof type === 'object') {
    if ('object' in type) {
      const obj = value as Record<string, TfValue>;
      return Object.fromEntries(Object.entries(type.object).map(([k, t]) => [k, toWire(obj[k] ?? null, t)]));
    }
    if ('map' in type) {
      return Object.fromEntries(Object.entries(value as Record<string, TfValue>).map(([k, v]) => [k, toWire(v, type.map)]));
    }
    const element = 'list' in type ? type.list : type.set;
    return (value as TfValue[]).map((v) => toWire(v, element));
  }
  if (type === 'number' && typeof value === 'bigint') {
    return value >= -(2n ** 63n) && value < 2n ** 64n ? value : value.toString();
  }
  return value;
}

export function encodeDynamic(value: TfValue, type: TfType): { msgpack: Uint8Array } {
  return { msgpack: encoder.encode(toWire(value, type)) };
}

const BIG_MARK = '~bigint~:';

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as bigint); raw state arrives as JSON.
 * Node 20 has no JSON source-text access, so long integer tokens outside strings are
 * tagged before parsing and restored by the reviver.
 */
export function parseJsonExact(text: string): unknown {
  const tagged = text.replace(/"(?:[^"\\]|\\.)*"|-?\d{16,}(?![.eE\d])/g, (token) =>
    token.startsWith('"') ? token : `"${BIG_MARK}${token}"`,
  );
  return JSON.parse(tagged, (_key, value) => {
    if (typeof value === 'string' && value.startsWith(BIG_MARK)) {
      const digits = value.slice(BIG_MARK.length);
      const n = Number(digits);
      return Number.isSafeInteger(n) ? n : BigInt(digits);
    }
    return value;
  });
}
