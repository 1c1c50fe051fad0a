// Attribute plan modifiers, the declarative half of planning: they run after the
// framework has applied core's rules and before the resource's own modifyPlan hook.
import { isUnknown, valuesEqual, type TfValue } from './values.ts';
import type { AttributePlanContext, PlanModifier } from './schema.ts';

/**
 * Keeps the prior value instead of "known after apply" on updates, for computed values
 * that never change once created (ids, creation times). Does nothing on create, or when
 * configuration sets the attribute to something unknown.
 */
export const useStateForUnknown = (): PlanModifier => ({
  description: 'Once set, the value does not change on updates.',
  modify: ({ isCreate, prior, planned, config }) => {
    if (isCreate || prior === null || !isUnknown(planned) || isUnknown(config)) {
      return;
    }
    return { planned: prior };
  },
});

/**
 * Replaces the object when the planned value differs from the prior one. A computed
 * attribute that is unknown only because the framework re-decides it (configuration left
 * it null) does not count as a change, or every update would become a replacement.
 */
export const requiresReplace = (): PlanModifier => requiresReplaceIf(() => true, 'Changing the value replaces the object.');

/**
 * Like requiresReplace, but only when `condition` says so, e.g. only when a value
 * grows, or only when the change is more than a spelling difference.
 */
export const requiresReplaceIf = (
  condition: (context: AttributePlanContext) => boolean,
  description = 'Some changes of the value replace the object.',
): PlanModifier => ({
  description,
  modify: (context) => {
    const { isCreate, prior, planned, config, resource } = context;
    if (isCreate || resource.prior === null) {
      return;
    }
    if (isUnknown(planned) && !isUnknown(config) && config === null) {
      return;
    }
    if (valuesEqual(prior, planned) || (prior === null && planned === null)) {
      return;
    }
    return condition(context) ? { requiresReplace: true } : undefined;
  },
});

/** Plans a fixed value whenever configuration leaves the attribute null (same as `default`). */
export const defaultValue = (value: TfValue): PlanModifier => ({
  description: `Defaults to ${JSON.stringify(typeof value === 'bigint' ? value.toString() : value)}.`,
  modify: ({ config }) => (config === null ? { planned: value } : undefined),
});
