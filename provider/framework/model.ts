// Model types derived from a schema declaration, so resource code reads `planned.name` as a
// string instead of casting. A schema declared `as const satisfies Schema` keeps the literal
// attribute types and flags these mapped types need. Which values can be UNKNOWN or null
// depends on the phase, as Terraform hands them over:
//   - ConfigOf / PlanOf: validation and planning. Anything can be UNKNOWN (it may come from
//     another resource), at any depth; required attributes are never null.
//   - KnownConfigOf: configuration at apply time, and data sources and ephemeral resources
//     when they run — core defers those until the configuration is wholly known.
//   - PlannedOf: the plan create and update receive. Configured values are known; computed
//     ones the plan left open are still UNKNOWN.
//   - StateOf: stored state. Never UNKNOWN; write-only attributes are always null.
// A schema known only as `Schema` (inside the framework) maps to plain State. stored()
// narrows an attribute the resource always sets, such as its id.
import { DiagnosticError } from './diagnostics.ts';
import type { Schema, State, StateUpdate } from './schema.ts';
import { isUnknown, type TfType, type TfValue, type Unknown } from './values.ts';

/** A known value of a Terraform type, as provider code receives it. */
export type ValueOf<T> = [TfType] extends [T] ? TfValue : KnownValue<T>;

type KnownValue<T> = T extends 'string'
  ? string
  : T extends 'number'
    ? number | bigint
    : T extends 'bool'
      ? boolean
      : T extends { readonly list: infer E }
        ? ValueOf<E>[]
        : T extends { readonly set: infer E }
          ? ValueOf<E>[]
          : T extends { readonly map: infer E }
            ? { [key: string]: ValueOf<E> }
            : T extends { readonly object: infer O }
              ? { -readonly [K in keyof O]: ValueOf<O[K]> | null }
              : TfValue;

/** A value during planning: UNKNOWN itself, or a collection with UNKNOWN inside. */
export type MaybeUnknown<T> = [TfType] extends [T] ? TfValue : Unknown | PartlyKnown<T>;

type PartlyKnown<T> = T extends 'string' | 'number' | 'bool'
  ? KnownValue<T>
  : T extends { readonly list: infer E }
    ? MaybeUnknown<E>[]
    : T extends { readonly set: infer E }
      ? MaybeUnknown<E>[]
      : T extends { readonly map: infer E }
        ? { [key: string]: MaybeUnknown<E> }
        : T extends { readonly object: infer O }
          ? { -readonly [K in keyof O]: MaybeUnknown<O[K]> | null }
          : TfValue;

type Attributes<S extends Schema> = S['attributes'];
type TypeOf<S extends Schema, K extends keyof Attributes<S>> = Attributes<S>[K]['type'];

/** The attribute names of a schema (any string for a schema known only as `Schema`). */
export type AttributeName<S extends Schema> = keyof Attributes<S> & string;

/** Model types of a wide `Schema` fall back to plain State. */
type Specific<S extends Schema, Model> = string extends keyof Attributes<S> ? State : Model;

type IsRequired<A> = A extends { readonly required: true } ? true : false;
type IsComputed<A> = A extends { readonly computed: true } ? true : false;

/** In configuration: required attributes are never null. */
type Configured<A, Value> = IsRequired<A> extends true ? Value : Value | null;

/** In plans and state: write-only attributes are always null; required and defaulted ones never. */
type Planned<A, Value, Otherwise> = A extends { readonly writeOnly: true }
  ? null
  : IsRequired<A> extends true
    ? Value
    : A extends { readonly default: unknown }
      ? Value
      : Otherwise;

/** Configuration during validation and planning. */
export type ConfigOf<S extends Schema> = Specific<S, { -readonly [K in keyof Attributes<S>]: Configured<Attributes<S>[K], MaybeUnknown<TypeOf<S, K>>> }>;

/** Configuration once wholly known: at apply, and when data sources and ephemeral resources run. */
export type KnownConfigOf<S extends Schema> = Specific<S, { -readonly [K in keyof Attributes<S>]: Configured<Attributes<S>[K], ValueOf<TypeOf<S, K>>> }>;

/** A plan while planning (proposed and planned state in modifyPlan); defaults are filled in. */
export type PlanOf<S extends Schema> = Specific<
  S,
  { -readonly [K in keyof Attributes<S>]: Planned<Attributes<S>[K], MaybeUnknown<TypeOf<S, K>>, MaybeUnknown<TypeOf<S, K>> | null> }
>;

/** The plan create and update apply: configuration known, computed values maybe still UNKNOWN. */
export type PlannedOf<S extends Schema> = Specific<
  S,
  {
    -readonly [K in keyof Attributes<S>]: Planned<
      Attributes<S>[K],
      ValueOf<TypeOf<S, K>>,
      IsComputed<Attributes<S>[K]> extends true ? ValueOf<TypeOf<S, K>> | null | Unknown : ValueOf<TypeOf<S, K>> | null
    >;
  }
>;

/** Stored state: never UNKNOWN. */
export type StateOf<S extends Schema> = Specific<
  S,
  { -readonly [K in keyof Attributes<S>]: Planned<Attributes<S>[K], ValueOf<TypeOf<S, K>>, ValueOf<TypeOf<S, K>> | null> }
>;

/** What hooks return: attributes left out (or undefined) keep their current value. */
export type UpdateOf<S extends Schema> = string extends keyof Attributes<S>
  ? StateUpdate
  : { -readonly [K in keyof Attributes<S>]?: MaybeUnknown<TypeOf<S, K>> | null };

/** The models a schema gives its hooks, bundled so that definitions take them as one type parameter. */
export interface Models {
  config: State;
  knownConfig: State;
  plan: State;
  planned: State;
  state: State;
  update: StateUpdate;
  name: string;
}

export interface ModelsOf<S extends Schema> extends Models {
  config: ConfigOf<S>;
  knownConfig: KnownConfigOf<S>;
  plan: PlanOf<S>;
  planned: PlannedOf<S>;
  state: StateOf<S>;
  update: UpdateOf<S>;
  name: AttributeName<S>;
}

/**
 * An attribute the resource always stores, such as its id, as a plain value. State that
 * lacks it was edited by hand or written by a bug: say so instead of calling the API with null.
 */
export function stored<M extends Record<string, unknown>, K extends keyof M & string>(state: M, attribute: K): Exclude<M[K], null | undefined | Unknown> {
  const value = state[attribute];
  if (value === null || value === undefined || isUnknown(value)) {
    throw new DiagnosticError(
      'Incomplete state',
      `The stored state has no ${attribute}. Remove the object from state (terraform state rm) and import it again.`,
      [attribute],
    );
  }
  return value as Exclude<M[K], null | undefined | Unknown>;
}
