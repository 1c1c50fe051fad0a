// Declarative schemas: attributes with their type, flags, full-sentence description,
// validators and plan modifiers. Resources declare these; the framework derives the
// protocol schema, validation and planning from them.
import type { TfType, TfValue } from './values.ts';
import type { Diagnostics, Path } from './diagnostics.ts';
import type { PrivateState } from './private-state.ts';

/** A resource's values by attribute name: plain JS, null, or UNKNOWN. */
export type State = Record<string, TfValue>;

/** What hooks return: like State, but an attribute left out or undefined keeps its current value. */
export type StateUpdate = { [attribute: string]: TfValue | undefined };

export interface ValidationContext {
  /** The attribute being validated. */
  attribute: string;
  path: Path;
  /** The whole configuration object, for cross-attribute rules. */
  config: State;
}

/** Returns problem messages (full sentences) for a known, non-null value; nothing when fine. */
export type ValidatorFn = (value: TfValue, context: ValidationContext) => string | string[] | undefined | void;

export interface Validator {
  /** What the rule demands, in a few words, for generated docs. */
  description?: string;
  check(value: TfValue, context: ValidationContext): string | string[] | undefined | void;
}

export interface AttributePlanContext {
  attribute: string;
  path: Path;
  /** This attribute in configuration, prior state (null on create) and the plan so far. */
  config: TfValue;
  prior: TfValue;
  planned: TfValue;
  /** The whole objects, for rules that look at other attributes. */
  resource: { config: State; prior: State | null; planned: State };
  isCreate: boolean;
  private: PrivateState;
  diagnostics: Diagnostics;
}

export interface AttributePlanResult {
  /** A new planned value for the attribute (UNKNOWN allowed); omit to keep it. */
  planned?: TfValue;
  /** Ask Terraform to replace the object because of this attribute. */
  requiresReplace?: boolean;
}

export interface PlanModifier {
  description: string;
  modify(context: AttributePlanContext): AttributePlanResult | void;
}

export interface Attribute {
  type: TfType;
  /** A full sentence (Markdown) shown in docs and editors. */
  description: string;
  required?: boolean;
  optional?: boolean;
  /** Set by the provider when configuration leaves it null (optional + computed: either). */
  computed?: boolean;
  /** Hidden in plan output and logs. */
  sensitive?: boolean;
  /** Configuration only: never planned or stored (Terraform ≥ 1.11, ephemeral values allowed). */
  writeOnly?: boolean;
  /** true, or a message telling users what to use instead; setting it warns. */
  deprecated?: boolean | string;
  /** Planned when configuration leaves the attribute null; needs optional + computed. */
  default?: TfValue;
  validators?: readonly (Validator | ValidatorFn)[];
  /** Run in order after the framework's own planning, before the resource's modifyPlan. */
  planModifiers?: readonly PlanModifier[];
  /** Shorthand for planModifiers: [requiresReplace()]. */
  requiresReplace?: boolean;
  /** Shorthand for planModifiers: [useStateForUnknown()] — keep the prior value on updates. */
  useStateForUnknown?: boolean;
}

export interface Schema {
  /** Bump when the stored shape changes; pair it with the resource's upgradeState hook. */
  version?: number;
  description: string;
  /** A message when the whole resource type is deprecated. */
  deprecated?: string;
  attributes: Readonly<Record<string, Attribute>>;
}

/** The object type of a schema: what DynamicValues of this schema carry. */
export function objectType(schema: Schema): TfType {
  return { object: Object.fromEntries(Object.entries(schema.attributes).map(([name, a]) => [name, a.type])) };
}

/**
 * Rejects declarations Terraform would reject later with a less helpful message.
 * Returns every problem at once; an empty list means the schema is sound.
 */
export function schemaProblems(schema: Schema, where: string): string[] {
  const problems: string[] = [];
  if (!schema.description?.trim()) {
    problems.push(`${where}: the schema needs a description.`);
  }
  for (const [name, a] of Object.entries(schema.attributes)) {
    const at = `${where}.${name}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
      problems.push(`${at}: attribute names are lowercase letters, digits and underscores.`);
    }
    if ([a.required, a.optional, a.computed].every((flag) => !flag)) {
      problems.push(`${at}: set required, optional or computed.`);
    }
    if (a.required && (a.optional || a.computed)) {
      problems.push(`${at}: required excludes optional and computed.`);
    }
    if (a.default !== undefined && !(a.optional && a.computed)) {
      problems.push(`${at}: a default needs optional and computed, or the plan would differ from configuration.`);
    }
    if (a.writeOnly && a.computed) {
      problems.push(`${at}: write-only attributes are required or optional, never computed.`);
    }
    if (!a.description?.trim()) {
      problems.push(`${at}: every attribute needs a description.`);
    }
  }
  return problems;
}
