// Terraform's value types (cty) as the provider declares and encodes them, and the
// values the framework hands to resources: plain JS with `null` and the UNKNOWN marker.
export type TfType =
  | 'string'
  | 'number'
  | 'bool'
  | { list: TfType }
  | { set: TfType }
  | { map: TfType }
  | { object: Record<string, TfType> };

/** A value not known until apply. */
export const UNKNOWN: unique symbol = Symbol.for('warden.tf.unknown');
export type Unknown = typeof UNKNOWN;

export type TfValue = string | number | bigint | boolean | null | Unknown | TfValue[] | { [key: string]: TfValue };

export const isUnknown = (value: unknown): value is Unknown => value === UNKNOWN;

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
  return ['object', Object.fromEntries(Object.entries(type.object).map(([k, v]) => [k, typeToJson(v)]))];
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: TfValue): boolean {
  if (isUnknown(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknown);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/** Structural equality where sets compare without order. */
export function valuesEqual(a: TfValue, b: TfValue, type?: TfType): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || isUnknown(a) || isUnknown(b)) {
    return false;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      return false;
    }
    const element = type && typeof type === 'object' ? ('list' in type ? type.list : 'set' in type ? type.set : undefined) : undefined;
    if (type && typeof type === 'object' && 'set' in type) {
      return a.every((x) => b.some((y) => valuesEqual(x, y, element)));
    }
    return a.every((x, i) => valuesEqual(x, b[i]!, element));
  }
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    const fields = type && typeof type === 'object' && 'object' in type ? type.object : undefined;
    const element = type && typeof type === 'object' && 'map' in type ? type.map : undefined;
    return [...keys].every((k) => valuesEqual(a[k] ?? null, b[k] ?? null, fields?.[k] ?? element));
  }
  if (typeof a === 'number' || typeof a === 'bigint') {
    // A bigint and a number are equal when they print the same (2^53 + 1 stays exact).
    return (typeof b === 'number' || typeof b === 'bigint') && String(a) === String(b);
  }
  return false;
}
