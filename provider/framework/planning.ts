// Planning: the rules Terraform core enforces on PlanResourceChange, applied to every
// resource before and after its own modifyPlan hook.
//   1. Start from core's proposed state (configuration merged with prior state).
//   2. Write-only attributes are null in every plan; defaults fill null configuration.
//   3. Computed attributes configuration leaves null: unknown on create; on update
//      unknown when anything changed, else the prior value.
//   4. Attribute plan modifiers (useStateForUnknown, requiresReplace, custom) run in order.
//   (the resource's modifyPlan hook runs here)
//   5. On replacement, computed values still equal to the prior ones become unknown (the
//      new object gets new ones); non-computed values must equal configuration.
import { UNKNOWN, isUnknown, valuesEqual, type TfValue } from './values.ts';
import { Diagnostics, type Path } from './diagnostics.ts';
import { requiresReplace as requiresReplaceModifier, useStateForUnknown as useStateForUnknownModifier } from './plan-modifiers.ts';
import { PrivateState } from './private-state.ts';
import type { Attribute, PlanModifier, Schema, State } from './schema.ts';

export interface PlanInput {
  schema: Schema;
  /** null on create. */
  prior: State | null;
  proposed: State;
  config: State;
  private?: PrivateState;
  diagnostics?: Diagnostics;
}

export interface PlanOutput {
  planned: State;
  /** Attribute paths that force replacement (always empty on create). */
  requiresReplace: Path[];
}

const isNull = (value: TfValue | undefined) => value === null || value === undefined;

/** Every attribute of the schema, null where absent (core requires all of them). */
export function complete(schema: Schema, state: State): State {
  // A loop, not Object.fromEntries: this runs several times per planned resource.
  const completed: State = {};
  for (const name in schema.attributes) {
    completed[name] = state[name] ?? null;
  }
  return completed;
}

/** The framework decides these when configuration leaves them null. */
const decidedByProvider = (attribute: Attribute, configValue: TfValue | undefined) =>
  Boolean(attribute.computed) && !attribute.writeOnly && attribute.default === undefined && isNull(configValue);

const modifierLists = new WeakMap<Attribute, PlanModifier[]>();

/** The attribute's plan modifiers in order, made once per declaration (planning runs per resource). */
function modifiersOf(attribute: Attribute): PlanModifier[] {
  let modifiers = modifierLists.get(attribute);
  if (!modifiers) {
    modifiers = declaredModifiers(attribute);
    modifierLists.set(attribute, modifiers);
  }
  return modifiers;
}

function declaredModifiers(attribute: Attribute): PlanModifier[] {
  return [
    ...(attribute.useStateForUnknown ? [useStateForUnknownModifier()] : []),
    ...(attribute.planModifiers ?? []),
    // Last, so that it compares the value every other modifier settled on.
    ...(attribute.requiresReplace ? [requiresReplaceModifier()] : []),
  ];
}

/** Steps 1–4: core's rules and the declared plan modifiers. */
export function planAttributes(input: PlanInput): PlanOutput {
  const { schema, prior, config } = input;
  const planned = complete(schema, input.proposed);
  const attributes = Object.entries(schema.attributes);
  for (const [name, attribute] of attributes) {
    if (attribute.writeOnly) {
      planned[name] = null;
    } else if (attribute.default !== undefined && isNull(config[name])) {
      planned[name] = attribute.default;
    }
  }
  const changed =
    prior !== null &&
    attributes.some(
      ([name, a]) => !a.writeOnly && !valuesEqual(prior[name] ?? null, planned[name] ?? null, a.type) && !(isNull(prior[name]) && isNull(planned[name])),
    );
  for (const [name, attribute] of attributes) {
    if (decidedByProvider(attribute, config[name]) && (prior === null || changed)) {
      planned[name] = UNKNOWN;
    }
  }

  const requiresReplace: Path[] = [];
  const privateState = input.private ?? PrivateState.empty();
  const diagnostics = input.diagnostics ?? new Diagnostics();
  for (const [name, attribute] of attributes) {
    for (const modifier of modifiersOf(attribute)) {
      const result = modifier.modify({
        attribute: name,
        path: [name],
        config: config[name] ?? null,
        prior: prior?.[name] ?? null,
        planned: planned[name] ?? null,
        resource: { config, prior, planned },
        isCreate: prior === null,
        private: privateState,
        diagnostics,
      });
      if (result?.planned !== undefined) {
        planned[name] = result.planned;
      }
      if (result?.requiresReplace && prior !== null && !requiresReplace.some((p) => p.length === 1 && p[0] === name)) {
        requiresReplace.push([name]);
      }
    }
  }
  return { planned, requiresReplace };
}

/** Step 5: after the resource's modifyPlan hook. Reports provider bugs as diagnostics. */
export function finishPlan(input: PlanInput & PlanOutput): PlanOutput {
  const { schema, prior, config, diagnostics } = input;
  const planned = complete(schema, input.planned);
  const replacing = prior !== null && input.requiresReplace.length > 0;
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.writeOnly) {
      planned[name] = null;
      continue;
    }
    if (replacing && decidedByProvider(attribute, config[name]) && valuesEqual(planned[name], prior[name] ?? null, attribute.type)) {
      planned[name] = UNKNOWN;
    }
    const settable = attribute.computed && isNull(config[name]);
    const sameAsConfig = valuesEqual(planned[name], config[name] ?? null, attribute.type);
    if (!settable && !sameAsConfig && !(attribute.default !== undefined && isNull(config[name]))) {
      diagnostics?.error(
        'Provider planned a value that differs from configuration',
        `The plan for ${name} must equal its configured value because the attribute is not computed. This is a bug in the provider's plan modification.`,
        [name],
      );
    }
  }
  return { planned, requiresReplace: prior === null ? [] : input.requiresReplace };
}

/** After apply nothing may stay unknown; anything a hook left unknown becomes null. */
export function settle(state: State): State {
  const settled: State = {};
  for (const name in state) {
    const value = state[name]!;
    settled[name] = isUnknown(value) ? null : value;
  }
  return settled;
}
