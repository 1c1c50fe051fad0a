// DynamicValue codec: the wire form of Terraform values. Reads msgpack (JSON as a
// fallback) and always writes msgpack. Unknown is msgpack extension type 0 on the way
// out; any extension on the way in (refined unknowns are type 12) reads as unknown.
// Encoding is schema-directed so that objects carry every attribute, null where absent.
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import { Typed, UNKNOWN, isUnknown, typeFromJson, typeToJson, type TfType, type TfValue } from '../framework/values.ts';

const decoder = new Decoder({ useBigInt64: true });
const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: false });
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

export interface WireDynamicValue {
  msgpack?: Uint8Array | null;
  json?: Uint8Array | null;
}

/** Numbers as JS: number when exact, bigint for big integers, else the decimal string itself. */
export function numberFromWire(raw: unknown): TfValue {
  if (typeof raw === 'number') {
    return raw;
  }
  if (typeof raw === 'bigint') {
    return Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
  }
  const text = String(raw).trim();
  if (/^-?\d+$/.test(text)) {
    const big = BigInt(text);
    return Number.isSafeInteger(Number(big)) ? Number(big) : big;
  }
  // A decimal that float64 cannot hold exactly stays a string so no precision is lost.
  return exactAsFloat(text) ? Number(text) : text;
}

/** Sign, significant digits and exponent of a decimal literal, for exactness checks. */
function canonicalDecimal(text: string): string | undefined {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) {
    return undefined;
  }
  const [, sign, whole = '', fraction = '', exponent = '0'] = m;
  const digits = (whole + fraction).replace(/^0+/, '');
  const trimmed = digits.replace(/0+$/, '');
  if (trimmed === '') {
    return '0';
  }
  const scale = Number(exponent) - fraction.length + (digits.length - trimmed.length);
  return `${sign}${trimmed}e${scale}`;
}

function exactAsFloat(text: string): boolean {
  const n = Number(text);
  return Number.isFinite(n) && canonicalDecimal(text) !== undefined && canonicalDecimal(text) === canonicalDecimal(String(n));
}

function numberToWire(value: TfValue): unknown {
  if (typeof value === 'bigint') {
    return value >= INT64_MIN && value <= UINT64_MAX ? value : value.toString();
  }
  if (typeof value === 'string') {
    const parsed = numberFromWire(value);
    return typeof parsed === 'string' ? parsed : numberToWire(parsed);
  }
  return value;
}

type ObjectType = { object: Record<string, TfType> };
const fieldLists = new WeakMap<ObjectType, [string, TfType][]>();

/** An object type's attributes as a list, made once per type: codecs run per value on every RPC. */
function fieldsOf(type: ObjectType): [string, TfType][] {
  let fields = fieldLists.get(type);
  if (!fields) {
    fields = Object.entries(type.object);
    fieldLists.set(type, fields);
  }
  return fields;
}

/** Turns a decoded msgpack/JSON tree into a value of `type`. */
function fromWire(raw: unknown, type: TfType): TfValue {
  if (raw instanceof ExtData) {
    return UNKNOWN;
  }
  if (raw === null || raw === undefined) {
    return null;
  }
  if (type === 'dynamic') {
    // msgpack: [type JSON bytes, value]; JSON: {"type": …, "value": …}.
    const [typeJson, inner] = Array.isArray(raw)
      ? [JSON.parse(Buffer.from(raw[0] as Uint8Array).toString('utf8')), raw[1]]
      : [(raw as { type: unknown }).type, (raw as { value: unknown }).value];
    const concrete = typeFromJson(typeJson);
    return new Typed(concrete, fromWire(inner, concrete));
  }
  if (type === 'string') {
    return raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : String(raw);
  }
  if (type === 'number') {
    return numberFromWire(raw);
  }
  if (type === 'bool') {
    return Boolean(raw);
  }
  if ('object' in type) {
    const fields = raw as Record<string, unknown>;
    const value: Record<string, TfValue> = {};
    for (const [name, t] of fieldsOf(type)) {
      value[name] = fromWire(fields[name], t);
    }
    return value;
  }
  if ('map' in type) {
    const value: Record<string, TfValue> = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      value[k] = fromWire(v, type.map);
    }
    return value;
  }
  const items = raw as unknown[];
  if ('tuple' in type) {
    return type.tuple.map((t, i) => fromWire(items[i], t));
  }
  const element = 'list' in type ? type.list : type.set;
  return items.map((v) => fromWire(v, element));
}

/** Infers the concrete type of a plain value given for a `dynamic` attribute. */
export function inferType(value: TfValue): TfType {
  if (value instanceof Typed) {
    return value.type;
  }
  if (typeof value === 'string' || value === null || isUnknown(value)) {
    return 'string';
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return 'number';
  }
  if (typeof value === 'boolean') {
    return 'bool';
  }
  if (Array.isArray(value)) {
    return { tuple: value.map(inferType) };
  }
  return { object: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inferType(v)])) };
}

function toWire(value: TfValue | undefined, type: TfType): unknown {
  if (isUnknown(value)) {
    return new ExtData(0, new Uint8Array([0]));
  }
  if (value === null || value === undefined) {
    return null;
  }
  if (type === 'dynamic') {
    const concrete = inferType(value);
    const inner = value instanceof Typed ? value.value : value;
    return [Buffer.from(JSON.stringify(typeToJson(concrete))), toWire(inner, concrete)];
  }
  if (value instanceof Typed) {
    return toWire(value.value, type);
  }
  if (type === 'number') {
    return numberToWire(value);
  }
  if (type === 'string' || type === 'bool') {
    return value;
  }
  if ('object' in type) {
    const fields = value as Record<string, TfValue>;
    const wire: Record<string, unknown> = {};
    for (const [name, t] of fieldsOf(type)) {
      wire[name] = toWire(fields[name], t);
    }
    return wire;
  }
  if ('map' in type) {
    const wire: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, TfValue>)) {
      wire[k] = toWire(v, type.map);
    }
    return wire;
  }
  const items = value as TfValue[];
  if ('tuple' in type) {
    return type.tuple.map((t, i) => toWire(items[i], t));
  }
  const element = 'list' in type ? type.list : type.set;
  return items.map((v) => toWire(v, element));
}

/** Decodes a DynamicValue; an empty one (neither field set) is null. */
export function decodeDynamic(dynamic: WireDynamicValue | null | undefined, type: TfType): TfValue {
  if (dynamic?.msgpack && dynamic.msgpack.length > 0) {
    return fromWire(decoder.decode(dynamic.msgpack), type);
  }
  if (dynamic?.json && dynamic.json.length > 0) {
    return fromWire(parseJsonExact(Buffer.from(dynamic.json).toString('utf8')), type);
  }
  return null;
}

export function encodeDynamic(value: TfValue | undefined, type: TfType): { msgpack: Uint8Array } {
  return { msgpack: encoder.encode(toWire(value, type)) };
}

/** Re-shapes a value parsed from JSON (stored state) to `type`, filling absent attributes. */
export function conformJson(raw: unknown, type: TfType): TfValue {
  return fromWire(raw, type);
}

/** Anything the tagging below could treat as a long number token (strings included, to be safe). */
const LONG_NUMBER_CANDIDATE = /\d[\d.eE+-]{15}/;

// Written escaped into the JSON text, read back as a NUL-prefixed string by the reviver.
const BIG_MARK_JSON = '\\u0000bigint:';
const BIG_MARK = '\u0000bigint:';

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as bigint) and long decimals as
 * strings. Node 20 has no JSON source-text access, so long number tokens outside string
 * literals are quoted with a marker before parsing and restored by the reviver.
 */
export function parseJsonExact(text: string): unknown {
  // Most state holds no number of 16+ characters: then plain JSON.parse is exact and far cheaper.
  if (!LONG_NUMBER_CANDIDATE.test(text)) {
    return JSON.parse(text);
  }
  const tagged = text.replace(/"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]{15,}/g, (token) => (token.startsWith('"') ? token : `"${BIG_MARK_JSON}${token}"`));
  return JSON.parse(tagged, (_key, value) => (typeof value === 'string' && value.startsWith(BIG_MARK) ? numberFromWire(value.slice(BIG_MARK.length)) : value));
}
