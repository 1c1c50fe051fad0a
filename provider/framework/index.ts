// The framework's public API: declarations, values, validators, plan modifiers,
// diagnostics and schema export. Protocol-free; provider/sdk.ts adds serve() and logging.
export { defineDataSource, defineEphemeralResource, defineProvider, defineResource } from './definitions.ts';
export type {
  ConfigureContext,
  DataSourceDefinition,
  EphemeralDefinition,
  EphemeralOpenResult,
  HookContext,
  ModifyPlanContext,
  MoveStateContext,
  ProviderDefinition,
  ResourceDefinition,
  ResourceHookContext,
  UpgradeStateContext,
  ValidateContext,
} from './definitions.ts';
export { Diagnostics, DiagnosticError, formatPath } from './diagnostics.ts';
export { stored } from './model.ts';
export type { AttributeName, ConfigOf, KnownConfigOf, MaybeUnknown, PlanOf, PlannedOf, StateOf, UpdateOf, ValueOf } from './model.ts';
export type { Diagnostic, Path, PathStep } from './diagnostics.ts';
export { defaultValue, requiresReplace, requiresReplaceIf, useStateForUnknown } from './plan-modifiers.ts';
export { PrivateState } from './private-state.ts';
export { objectType, schemaProblems } from './schema.ts';
export type { Attribute, AttributePlanContext, AttributePlanResult, PlanModifier, Schema, State, ValidationContext, Validator, ValidatorFn } from './schema.ts';
export { providerSchemaJson, toJsonSchema } from './schema-json.ts';
export { alsoRequires, between, conflictsWith, eachElement, lengthBetween, matches, oneOf, sizeBetween } from './validators.ts';
export { UNKNOWN, Typed, containsUnknown, isKnownNonNull, isUnknown, valuesEqual } from './values.ts';
export type { TfType, TfValue, Unknown } from './values.ts';
