// The planning rules Terraform core enforces, applied to every resource before its own
// modifyPlan hook: defaults, computed values (unknown or kept), write-only nulling, and
// replacement when a requiresReplace attribute changes.
import { UNKNOWN, isUnknown, valuesEqual, type TfValue } from '../protocol/types.ts';
import type { State } from './definitions.ts';
import type { Schema } from './schema.ts';

export interface BasePlan {
  planned: State;
  requiresReplace: string[];
}

/** True when any attribute the user sets differs between prior state and proposal. */
function configChanged(schema: Schema, prior: State, proposed: State): boolean {
  return Object.entries(schema.attributes).some(
    ([name, a]) => (a.required || a.optional) && !a.writeOnly && !valuesEqual(prior[name] ?? null, proposed[name] ?? null, a.type),
  );
}

export function planBase(schema: Schema, prior: State | null, proposed: State, config: State): BasePlan {
  const planned: State = { ...proposed };
  const unset = (name: string) => (config[name] ?? null) === null;
  // Defaults and write-only nulling first, so that a default counts as a change below.
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.writeOnly) {
      planned[name] = null;
    } else if (attribute.computed && attribute.default !== undefined && unset(name)) {
      planned[name] = attribute.default;
    }
  }
  const changed = prior !== null && configChanged(schema, prior, planned);
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (!attribute.computed || attribute.writeOnly || attribute.default !== undefined || !unset(name)) {
      continue;
    }
    if (prior === null) {
      planned[name] = UNKNOWN;
    } else if (attribute.useStateForUnknown) {
      planned[name] = prior[name] ?? null;
    } else {
      planned[name] = changed ? UNKNOWN : prior[name] ?? null;
    }
  }
  const requiresReplace =
    prior === null
      ? []
      : Object.entries(schema.attributes)
          .filter(([name, a]) => a.requiresReplace && !valuesEqual(prior[name] ?? null, planned[name] ?? null, a.type))
          .map(([name]) => name);
  // On replacement every computed attribute without a default is decided anew.
  if (requiresReplace.length > 0) {
    for (const [name, a] of Object.entries(schema.attributes)) {
      if (a.computed && (config[name] ?? null) === null && a.default === undefined) {
        planned[name] = UNKNOWN;
      }
    }
  }
  return { planned, requiresReplace };
}

/** After apply nothing may stay unknown; anything a hook left unknown becomes null. */
export function settle(state: State): State {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, isUnknown(v) ? null : (v as TfValue)]));
}

/** Fills every attribute of the schema, null where absent (core requires all of them). */
export function complete(schema: Schema, state: State): State {
  return Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, state[name] ?? null]));
}
