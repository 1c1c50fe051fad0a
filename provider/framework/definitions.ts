// What a provider author declares: the provider, its resources, data sources and
// ephemeral resources, each a schema plus hooks. Hooks receive plain values (null,
// UNKNOWN for "known after apply") and report problems as diagnostics or by throwing.
// Declared with a specific schema (`typeof schema`), hooks see models typed from it
// (model.ts); with the default `Schema` they see plain State.
import type { Diagnostic, Diagnostics, Path, PathStep } from './diagnostics.ts';
import type { Models, ModelsOf } from './model.ts';
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

export interface ValidateContext<Config = State> {
  /** Configuration; values can be UNKNOWN here (they may come from other resources). */
  config: Config;
  diagnostics: Diagnostics;
}

export interface ModifyPlanContext<Client, M extends Models = ModelsOf<Schema>> extends ResourceHookContext<Client> {
  config: M['config'];
  /** null on create. */
  prior: M['state'] | null;
  /** What Terraform proposed: configuration merged with prior state. */
  proposed: M['plan'];
  /** The plan after the framework's rules and plan modifiers; edit it in place. */
  planned: M['plan'];
  isCreate: boolean;
  /** Replace the object because of this attribute (a name or a path). */
  requireReplace(attribute: M['name'] | Path): void;
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

/**
 * A managed resource. Declare the schema `as const satisfies Schema` and write
 * `ResourceDefinition<Client, typeof schema>`: the hooks then see models typed from it.
 */
export interface ResourceDefinition<Client, S extends Schema = Schema, M extends Models = ModelsOf<S>> {
  schema: S;
  validateConfig?(context: ValidateContext<M['config']>): void | Promise<void>;
  /** Converts state stored by an older schema version; attributes left out become null. */
  upgradeState?(context: UpgradeStateContext): M['update'] | Promise<M['update']>;
  /** Custom planning after the declarative rules: see ModifyPlanContext. Not called on destroy. */
  modifyPlan?(context: ModifyPlanContext<Client, M>): void | Promise<void>;
  /** Creates the object; attributes the result leaves out keep their planned value. */
  create(context: ResourceHookContext<Client> & { planned: M['planned']; config: M['knownConfig'] }): Promise<M['update']>;
  /** Returns null when the object is gone: Terraform drops it from state and plans to create it. */
  read(context: ResourceHookContext<Client> & { state: M['state'] }): Promise<M['update'] | null>;
  update(context: ResourceHookContext<Client> & { prior: M['state']; planned: M['planned']; config: M['knownConfig'] }): Promise<M['update']>;
  delete(context: ResourceHookContext<Client> & { prior: M['state'] }): Promise<void>;
  /** Turns an import id into state (read() runs right after); null when there is no such object. */
  importState?(context: ResourceHookContext<Client> & { id: string }): Promise<M['update'] | null>;
  /** Adopts state of another resource type (a `moved` block across types); undefined declines. */
  moveState?(context: MoveStateContext): M['update'] | undefined | Promise<M['update'] | undefined>;
}

export interface DataSourceDefinition<Client, S extends Schema = Schema, M extends Models = ModelsOf<S>> {
  schema: S;
  validateConfig?(context: ValidateContext<M['config']>): void | Promise<void>;
  /** Runs once the configuration is wholly known; attributes the result leaves out keep their configured value. */
  read(context: HookContext<Client> & { config: M['knownConfig'] }): Promise<M['update']>;
}

export interface EphemeralOpenResult<Update = StateUpdate> {
  /** Attributes left out keep their configured value. */
  result: Update;
  /** Handed to renew and close (e.g. the id of a credential to revoke). */
  private?: Buffer;
  /** When Terraform should call renew, if the run is still going. */
  renewAt?: Date;
}

export interface EphemeralDefinition<Client, S extends Schema = Schema, M extends Models = ModelsOf<S>> {
  schema: S;
  validateConfig?(context: ValidateContext<M['config']>): void | Promise<void>;
  /** Runs once the configuration is wholly known. */
  open(context: HookContext<Client> & { config: M['knownConfig'] }): Promise<EphemeralOpenResult<M['update']>>;
  renew?(context: HookContext<Client> & { private?: Buffer }): Promise<{ private?: Buffer; renewAt?: Date }>;
  close?(context: HookContext<Client> & { private?: Buffer }): Promise<void>;
}

export interface ConfigureContext {
  terraformVersion: string;
  signal: AbortSignal;
}

export interface ProviderDefinition<Client, S extends Schema = Schema, M extends Models = ModelsOf<S>> {
  /** The provider's type name, e.g. "warden"; resource type names start with it. */
  typeName: string;
  schema: S;
  validateConfig?(context: ValidateContext<M['config']>): void | Promise<void>;
  /**
   * Builds the client every hook receives. Report problems as diagnostics (with the
   * attribute path) and return undefined; hooks then never run.
   */
  configure(config: M['config'], diagnostics: Diagnostics, context: ConfigureContext): Promise<Client | undefined>;
  // `Models`, not the default ModelsOf<Schema>: TypeScript then compares each entry's own
  // models structurally instead of requiring its schema to be the wide `Schema`.
  resources: Record<string, ResourceDefinition<Client, Schema, Models>>;
  dataSources: Record<string, DataSourceDefinition<Client, Schema, Models>>;
  ephemeralResources?: Record<string, EphemeralDefinition<Client, Schema, Models>>;
  /**
   * Turns an unexpected error thrown by a hook (e.g. an SDK's HTTP error) into a
   * diagnostic; return undefined to use the framework's generic description.
   */
  describeError?(error: unknown): Diagnostic | undefined;
}

/** Identity helpers that only give type inference to plain declarations. */
export const defineProvider = <Client, S extends Schema = Schema>(definition: ProviderDefinition<Client, S>) => definition;
export const defineResource = <Client, S extends Schema = Schema>(definition: ResourceDefinition<Client, S>) => definition;
export const defineDataSource = <Client, S extends Schema = Schema>(definition: DataSourceDefinition<Client, S>) => definition;
export const defineEphemeralResource = <Client, S extends Schema = Schema>(definition: EphemeralDefinition<Client, S>) => definition;

export type { PathStep };
