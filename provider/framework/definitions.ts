// What a provider author declares: the provider, its resources, data sources and
// ephemeral resources, each a schema plus hooks. Hooks receive plain values (null,
// UNKNOWN for "known after apply") and report problems as diagnostics or by throwing.
import type { Diagnostic, Diagnostics, Path, PathStep } from './diagnostics.ts';
import type { PrivateState } from './private-state.ts';
import type { Schema, State, StateUpdate } from './schema.ts';

export type { State, StateUpdate };

/** What every hook that talks to the outside world gets. */
export interface HookContext<Client> {
  /** What the provider's configure() returned. */
  client: Client;
  diagnostics: Diagnostics;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C): finish or give up quickly. */
  signal: AbortSignal;
}

/** Resource hooks also see the resource's private state, which they may change. */
export interface ResourceHookContext<Client> extends HookContext<Client> {
  private: PrivateState;
}

export interface ValidateContext {
  /** Configuration; values can be UNKNOWN here (they may come from other resources). */
  config: State;
  diagnostics: Diagnostics;
}

export interface ModifyPlanContext<Client> extends ResourceHookContext<Client> {
  config: State;
  /** null on create. */
  prior: State | null;
  /** What Terraform proposed: configuration merged with prior state. */
  proposed: State;
  /** The plan after the framework's rules and plan modifiers; edit it in place. */
  planned: State;
  isCreate: boolean;
  /** Replace the object because of this attribute (a name or a path). */
  requireReplace(attribute: string | Path): void;
}

export interface UpgradeStateContext {
  /** The schema version that wrote the stored state. */
  version: number;
  /** The stored attributes as parsed JSON, in the old shape (big integers as bigint). */
  state: Record<string, unknown>;
  diagnostics: Diagnostics;
}

export interface MoveStateContext {
  sourceProviderAddress: string;
  sourceTypeName: string;
  sourceVersion: number;
  /** The source resource's stored attributes as parsed JSON. */
  state: Record<string, unknown>;
  diagnostics: Diagnostics;
}

export interface ResourceDefinition<Client> {
  schema: Schema;
  validateConfig?(context: ValidateContext): void | Promise<void>;
  /** Converts state stored by an older schema version; attributes left out become null. */
  upgradeState?(context: UpgradeStateContext): StateUpdate | Promise<StateUpdate>;
  /** Custom planning after the declarative rules: see ModifyPlanContext. Not called on destroy. */
  modifyPlan?(context: ModifyPlanContext<Client>): void | Promise<void>;
  /** Creates the object; attributes the result leaves out keep their planned value. */
  create(context: ResourceHookContext<Client> & { planned: State; config: State }): Promise<StateUpdate>;
  /** Returns null when the object is gone: Terraform drops it from state and plans to create it. */
  read(context: ResourceHookContext<Client> & { state: State }): Promise<StateUpdate | null>;
  update(context: ResourceHookContext<Client> & { prior: State; planned: State; config: State }): Promise<StateUpdate>;
  delete(context: ResourceHookContext<Client> & { prior: State }): Promise<void>;
  /** Turns an import id into state (read() runs right after); null when there is no such object. */
  importState?(context: ResourceHookContext<Client> & { id: string }): Promise<StateUpdate | null>;
  /** Adopts state of another resource type (a `moved` block across types); undefined declines. */
  moveState?(context: MoveStateContext): StateUpdate | undefined | Promise<StateUpdate | undefined>;
}

export interface DataSourceDefinition<Client> {
  schema: Schema;
  validateConfig?(context: ValidateContext): void | Promise<void>;
  /** Attributes the result leaves out keep their configured value. */
  read(context: HookContext<Client> & { config: State }): Promise<StateUpdate>;
}

export interface EphemeralOpenResult {
  /** Attributes left out keep their configured value. */
  result: StateUpdate;
  /** Handed to renew and close (e.g. the id of a credential to revoke). */
  private?: Buffer;
  /** When Terraform should call renew, if the run is still going. */
  renewAt?: Date;
}

export interface EphemeralDefinition<Client> {
  schema: Schema;
  validateConfig?(context: ValidateContext): void | Promise<void>;
  open(context: HookContext<Client> & { config: State }): Promise<EphemeralOpenResult>;
  renew?(context: HookContext<Client> & { private?: Buffer }): Promise<{ private?: Buffer; renewAt?: Date }>;
  close?(context: HookContext<Client> & { private?: Buffer }): Promise<void>;
}

export interface ConfigureContext {
  terraformVersion: string;
  signal: AbortSignal;
}

export interface ProviderDefinition<Client> {
  /** The provider's type name, e.g. "warden"; resource type names start with it. */
  typeName: string;
  schema: Schema;
  validateConfig?(context: ValidateContext): void | Promise<void>;
  /**
   * Builds the client every hook receives. Report problems as diagnostics (with the
   * attribute path) and return undefined; hooks then never run.
   */
  configure(config: State, diagnostics: Diagnostics, context: ConfigureContext): Promise<Client | undefined>;
  resources: Record<string, ResourceDefinition<Client>>;
  dataSources: Record<string, DataSourceDefinition<Client>>;
  ephemeralResources?: Record<string, EphemeralDefinition<Client>>;
  /**
   * Turns an unexpected error thrown by a hook (e.g. an SDK's HTTP error) into a
   * diagnostic; return undefined to use the framework's generic description.
   */
  describeError?(error: unknown): Diagnostic | undefined;
}

/** Identity helpers that only give type inference to plain declarations. */
export const defineProvider = <Client>(definition: ProviderDefinition<Client>) => definition;
export const defineResource = <Client>(definition: ResourceDefinition<Client>) => definition;
export const defineDataSource = <Client>(definition: DataSourceDefinition<Client>) => definition;
export const defineEphemeralResource = <Client>(definition: EphemeralDefinition<Client>) => definition;

export type { PathStep };
