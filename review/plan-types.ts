// The parts of Terraform's JSON plan format (`terraform show -json`, format_version 1.x)
// that a credential review reads. Values stay `unknown`: a plan is untrusted input and
// every read goes through safe-values.ts, which knows what may be shown.

export type Json = unknown;
export type Values = Record<string, Json>;

export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface PlannedChange {
  actions: Action[];
  before: Values | null;
  after: Values | null;
  /** Per attribute: true when the value is known only after apply. */
  after_unknown?: Json;
  /** Per attribute: true when the value is sensitive (also `false` for "nothing is"). */
  before_sensitive?: Json;
  after_sensitive?: Json;
  /** Attribute paths that force the replacement. */
  replace_paths?: Json[][];
}

export interface ResourceChange {
  address: string;
  module_address?: string;
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  provider_name?: string;
  action_reason?: string;
  change: PlannedChange;
}

export interface Expression {
  constant_value?: Json;
  references?: string[];
}

export interface ConfigResource {
  address: string;
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  expressions?: Record<string, Expression | Expression[] | undefined>;
}

export interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { source?: string; expressions?: Record<string, Expression | undefined>; module?: ConfigModule }>;
}

export interface StateResource {
  address: string;
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  values?: Values;
  sensitive_values?: Json;
}

export interface StateModule {
  address?: string;
  resources?: StateResource[];
  child_modules?: StateModule[];
}

export interface PlanJson {
  format_version?: string;
  terraform_version?: string;
  timestamp?: string;
  resource_changes?: ResourceChange[];
  output_changes?: Record<string, Json>;
  planned_values?: { root_module?: StateModule };
  prior_state?: { values?: { root_module?: StateModule } };
  configuration?: { root_module?: ConfigModule };
  errored?: boolean;
}

/** Every resource of a state module tree, child modules included. */
export function stateResources(module: StateModule | undefined): StateResource[] {
  if (!module) {
    return [];
  }
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(stateResources)];
}
