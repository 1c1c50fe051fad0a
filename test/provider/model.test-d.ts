// Type-level tests of the models derived from a schema (provider/framework/model.ts),
// checked by `npm run typecheck` (tsc): each phase gets the nullability and UNKNOWN-ness
// Terraform hands it, and a hook that treats a maybe-unknown value as known does not compile.
import { expectTypeOf } from 'vitest';
import type { ResourceDefinition } from '../../provider/framework/definitions.ts';
import type { ConfigOf, KnownConfigOf, PlanOf, PlannedOf, StateOf, UpdateOf } from '../../provider/framework/model.ts';
import type { Schema, State } from '../../provider/framework/schema.ts';
import type { TfValue, Unknown } from '../../provider/framework/values.ts';

const schema = {
  description: 'A thing.',
  attributes: {
    id: { type: 'string', computed: true, description: 'Id.' },
    name: { type: 'string', required: true, description: 'Name.' },
    note: { type: 'string', optional: true, computed: true, default: '', description: 'Note.' },
    size: { type: 'number', optional: true, description: 'Size.' },
    tags: { type: { set: 'string' }, optional: true, description: 'Tags.' },
    labels: { type: { map: 'string' }, optional: true, description: 'Labels.' },
    rule: { type: { object: { port: 'number', open: 'bool' } }, optional: true, description: 'Rule.' },
    token: { type: 'string', optional: true, writeOnly: true, description: 'Token.' },
  },
} as const satisfies Schema;
type S = typeof schema;

export function typeTests(): void {
  // Configuration during validation and planning: anything may be UNKNOWN, only required is non-null.
  expectTypeOf<ConfigOf<S>['name']>().toEqualTypeOf<string | Unknown>();
  expectTypeOf<ConfigOf<S>['size']>().toEqualTypeOf<number | bigint | Unknown | null>();
  expectTypeOf<ConfigOf<S>['tags']>().toEqualTypeOf<(string | Unknown)[] | Unknown | null>();
  expectTypeOf<ConfigOf<S>['token']>().toEqualTypeOf<string | Unknown | null>();

  // Configuration once known (apply, data sources, ephemeral resources).
  expectTypeOf<KnownConfigOf<S>['name']>().toEqualTypeOf<string>();
  expectTypeOf<KnownConfigOf<S>['rule']>().toEqualTypeOf<{ port: number | bigint | null; open: boolean | null } | null>();

  // Plans: defaults are filled in, write-only attributes are always null.
  expectTypeOf<PlanOf<S>['note']>().toEqualTypeOf<string | Unknown>();
  expectTypeOf<PlanOf<S>['token']>().toEqualTypeOf<null>();
  expectTypeOf<PlannedOf<S>['id']>().toEqualTypeOf<string | null | Unknown>();
  expectTypeOf<PlannedOf<S>['name']>().toEqualTypeOf<string>();
  expectTypeOf<PlannedOf<S>['note']>().toEqualTypeOf<string>();

  // Stored state is never UNKNOWN.
  expectTypeOf<StateOf<S>['id']>().toEqualTypeOf<string | null>();
  expectTypeOf<StateOf<S>['labels']>().toEqualTypeOf<{ [key: string]: string } | null>();
  expectTypeOf<UpdateOf<S>['tags']>().toEqualTypeOf<(string | Unknown)[] | Unknown | null | undefined>();

  // A schema known only as `Schema` maps to plain State.
  expectTypeOf<StateOf<Schema>>().toEqualTypeOf<State>();
  expectTypeOf<ConfigOf<Schema>['anything']>().toEqualTypeOf<TfValue>();
}

export const thing: ResourceDefinition<object, S> = {
  schema,
  validateConfig({ config }) {
    // @ts-expect-error configuration may be UNKNOWN during validation
    config.name.toUpperCase();
  },
  modifyPlan({ planned, requireReplace }) {
    // @ts-expect-error a write-only attribute is never planned
    planned.token = 'x';
    // @ts-expect-error only declared attributes force replacement
    requireReplace('colour');
    requireReplace('name');
  },
  async create({ planned }) {
    // the plan create receives has configuration known
    return { name: planned.name.toUpperCase(), id: 'x' };
  },
  async read({ state }) {
    // @ts-expect-error a computed attribute may be null in state
    state.id.toUpperCase();
    return { ...state, note: state.note.trim() };
  },
  async update({ planned }) {
    // @ts-expect-error size is a number, not a string
    const wrong: UpdateOf<S> = { size: planned.name };
    return wrong;
  },
  async delete() {},
};
