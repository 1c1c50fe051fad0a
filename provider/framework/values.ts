// Terraform's value types (a cty-like model) and the plain JS values the framework hands
// to provider code: null, the UNKNOWN marker, strings, numbers (bigint when an integer
// is beyond 2^53), booleans, arrays (list/set/tuple) and plain objects (map/object).
export type TfType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { list: TfType }
  | { set: TfType }
  | { map: TfType }
  | { object: Record<string, TfType> }
  | { tuple: readonly TfType[] };

/** A value not known until apply. One registered symbol so that `===` works across bundles. */
export const UNKNOWN: unique symbol = Symbol.for('terraform.plugin.unknown');
export type Unknown = typeof UNKNOWN;

/**
 * A value of a `dynamic` attribute together with its concrete type, as Terraform sends it.
 * Plain values given for a dynamic attribute are typed by inference (arrays as tuples).
 */
export class Typed {
  constructor(
    readonly type: TfType,
    readonly value: TfValue,
  ) {}
}

export type TfValue = string | number | bigint | boolean | null | Unknown | Typed | TfValue[] | { [key: string]: TfValue };

export const isUnknown = (value: unknown): value is Unknown => value === UNKNOWN;

/** A string value: neither null nor UNKNOWN (nor another type). */
export const isString = (value: unknown): value is string => typeof value === 'string';

/** Known and not null: the values validators look at. */
export const isKnownNonNull = (value: TfValue | undefined): value is Exclude<TfValue, null | Unknown> =>
  value !== null && value !== undefined && !isUnknown(value);

/** The JSON form Terraform expects in schema `type` bytes, e.g. ["set","string"]. */
export function typeToJson(type: TfType): unknown {
  if (typeof type === 'string') {
    return type;
  }
  if ('list' in type) {
    return ['list', typeToJson(type.list)];
  }
  if ('set' in type) {
    return ['set', typeToJson(type.set)];
  }
  if ('map' in type) {
    return ['map', typeToJson(type.map)];
  }
  if ('tuple' in type) {
    return ['tuple', type.tuple.map(typeToJson)];
  }
  return ['object', Object.fromEntries(Object.entries(type.object).map(([k, v]) => [k, typeToJson(v)]))];
}

/** The inverse of typeToJson, for the type half of a `dynamic` value on the wire. */
export function typeFromJson(json: unknown): TfType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') {
    return json;
  }
  if (Array.isArray(json)) {
    const [kind, inner] = json as [string, unknown];
    switch (kind) {
      case 'list':
        return { list: typeFromJson(inner) };
      case 'set':
        return { set: typeFromJson(inner) };
      case 'map':
        return { map: typeFromJson(inner) };
      case 'tuple':
        return { tuple: (inner as unknown[]).map(typeFromJson) };
      case 'object':
        return { object: Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([k, v]) => [k, typeFromJson(v)])) };
    }
  }
  throw new Error(`not a Terraform type expression: ${JSON.stringify(json)}`);
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: TfValue | undefined): boolean {
  if (isUnknown(value)) {
    return true;
  }
  if (value instanceof Typed) {
    return containsUnknown(value.value);
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknown);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

function elementType(type: TfType | undefined, index: number): TfType | undefined {
  if (type === undefined || typeof type === 'string') {
    return undefined;
  }
  if ('list' in type) {
    return type.list;
  }
  if ('set' in type) {
    return type.set;
  }
  if ('tuple' in type) {
    return type.tuple[index];
  }
  return undefined;
}

/** Numeric equality that is exact for bigint and number alike (2^60 as number vs bigint). */
function numbersEqual(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === typeof b) {
    return a === b;
  }
  const asNumber = typeof a === 'number' ? a : (b as number);
  const asBig = typeof a === 'bigint' ? a : (b as bigint);
  return Number.isInteger(asNumber) && BigInt(asNumber) === asBig;
}

const sameType = (a: TfType, b: TfType) => JSON.stringify(typeToJson(a)) === JSON.stringify(typeToJson(b));

/**
 * Structural equality; sets compare without order. UNKNOWN equals only UNKNOWN (the same
 * marker in the same place), never a known value — enough to tell "did the plan change".
 */
export function valuesEqual(a: TfValue | undefined, b: TfValue | undefined, type?: TfType): boolean {
  a ??= null;
  b ??= null;
  if (a === b) {
    return true;
  }
  if (isUnknown(a) || isUnknown(b)) {
    return false;
  }
  if (a === null || b === null) {
    return false;
  }
  if (a instanceof Typed || b instanceof Typed) {
    const x = a instanceof Typed ? a : undefined;
    const y = b instanceof Typed ? b : undefined;
    return (!x || !y || sameType(x.type, y.type)) && valuesEqual(x ? x.value : a, y ? y.value : b, x?.type ?? y?.type);
  }
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return numbersEqual(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    if (type !== undefined && typeof type === 'object' && 'set' in type) {
      const element = type.set;
      return a.every((x) => b.some((y) => valuesEqual(x, y, element))) && b.every((y) => a.some((x) => valuesEqual(x, y, element)));
    }
    return a.every((x, i) => valuesEqual(x, b[i], elementType(type, i)));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const fields = type !== undefined && typeof type === 'object' && 'object' in type ? type.object : undefined;
    const element = type !== undefined && typeof type === 'object' && 'map' in type ? type.map : undefined;
    const left = a as Record<string, TfValue>;
    const right = b as Record<string, TfValue>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((k) => valuesEqual(left[k], right[k], fields?.[k] ?? element));
  }
  return false;
}
